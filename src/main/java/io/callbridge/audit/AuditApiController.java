package io.callbridge.audit;

import java.time.Instant;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the audit trail, for admins of the tenant.
 */
@RestController
@Tag(name = "Audit", description = "Failed logins and admin changes (admins only)")
class AuditApiController {

	private final AuditTrail trail;

	private final Tenants tenants;

	AuditApiController(AuditTrail trail, Tenants tenants) {
		this.trail = trail;
		this.tenants = tenants;
	}

	@GetMapping("/api/v1/audit-events")
	@Operation(summary = "The tenant's audit trail, newest first. Dates: YYYY-MM-DD in the tenant's zone, or ISO-8601")
	PageResult<AuditEventView> list(CurrentUser user, @ParameterObject AuditQuery query,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		user.require(Role.ADMIN);
		AuditFilter filter = query.toFilter(this.tenants.get(user.tenantId()).timeZone());
		return this.trail.search(user.tenantId(), filter, page, size).map(AuditEventView::of);
	}

	/**
	 * An audit event as the API shows it.
	 *
	 * @param id id
	 * @param occurredAt when
	 * @param category what it is about
	 * @param action what was done
	 * @param actorId the acting user
	 * @param actorName the acting user's username, or the username tried at a login
	 * @param target the record acted on
	 * @param details safe details (never passwords, tokens or credentials)
	 * @param reason why a login failed
	 * @param clientAddress where from
	 * @param outcome how it ended
	 * @param status the HTTP status answered
	 */
	record AuditEventView(long id, Instant occurredAt, AuditCategory category, String action, @Nullable Long actorId,
			@Nullable String actorName, @Nullable String target, @Nullable String details, @Nullable String reason,
			@Nullable String clientAddress, AuditOutcome outcome, @Nullable Integer status) {

		static AuditEventView of(AuditEvent event) {
			AuditEntry e = event.entry();
			return new AuditEventView(event.id(), event.occurredAt(), e.category(), e.action(), e.actorId(),
					e.actorName(), e.target(), e.details(), e.reason(), e.clientAddress(), e.outcome(), e.status());
		}

	}

}
