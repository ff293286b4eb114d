package io.callbridge.webhooks.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.webhooks.CrmTriggers;
import io.callbridge.webhooks.CrmTriggers.CrmTrigger;
import io.callbridge.webhooks.CrmTriggers.CrmTriggerSettings;
import io.callbridge.webhooks.CrmTriggers.CrmTriggersCommand;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.WebhookEndpoint;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of VCC's CRM triggers: the eleven URLs, the HTTP method and signing, read and
 * replaced at once (admins only).
 */
@RestController
@Tag(name = "CRM triggers",
		description = "VCC's CRM triggers: a URL called with ?AccountID=…[&CaseID=…[&FollowupID=…]|&TaskID=…] "
				+ "when a customer, case, follow-up or task changes")
class CrmTriggersApiController {

	private final CrmTriggers triggers;

	private final EndpointSummaries summaries;

	CrmTriggersApiController(CrmTriggers triggers, EndpointSummaries summaries) {
		this.triggers = triggers;
		this.summaries = summaries;
	}

	@GetMapping("/api/v1/crm-triggers")
	@Operation(summary = "The CRM triggers: every row of VCC's table with its URL, if set, and its last delivery")
	CrmTriggersView get(CurrentUser user) {
		user.require(Role.ADMIN);
		return view(this.triggers.get(user.tenantId()));
	}

	@PutMapping("/api/v1/crm-triggers")
	@Operation(summary = "Replace the CRM triggers: all or nothing",
			description = "One URL per event type (customer.created, customer.updated, customer.deleted, "
					+ "case.created, case.updated, case.deleted, followup.created, followup.deleted, task.created, "
					+ "task.updated, task.deleted); a type left out or empty has no trigger (its endpoint and log "
					+ "are deleted), an unchanged URL keeps its delivery log. An invalid URL, or one resolving to "
					+ "a refused address, is a 422 whose 'errors' name the event type, e.g. case.created; then "
					+ "nothing is saved. The URL is called with the method given (GET by default, or POST) and "
					+ "VCC's formatted string appended (after '&' when the URL has a query): ?AccountID=aaa "
					+ "(customer), ?AccountID=aaa&CaseID=ccc (case), ?AccountID=aaa&CaseID=ccc&FollowupID=fff "
					+ "(follow-up), ?AccountID=aaa&TaskID=ttt (task). Requests are unsigned unless signed=true, "
					+ "then they carry the Standard Webhooks headers (webhook-id, webhook-timestamp, "
					+ "webhook-signature).")
	CrmTriggersView put(CurrentUser user, @RequestBody CrmTriggersRequest request) {
		user.require(Role.ADMIN);
		return view(this.triggers.save(user.tenantId(),
				new CrmTriggersCommand(request.method(), request.signed(), request.urls())));
	}

	private CrmTriggersView view(CrmTriggerSettings settings) {
		return new CrmTriggersView(settings.method(), settings.signed(),
				settings.triggers()
					.stream()
					.map((trigger) -> CrmTriggerView.of(trigger,
							(trigger.endpoint() != null) ? this.summaries.of(trigger.endpoint()) : null))
					.toList());
	}

	/**
	 * The CRM triggers as submitted.
	 *
	 * @param method GET (default) or POST
	 * @param signed whether requests carry Standard Webhooks signature headers (default
	 * false, as VCC scripts expect)
	 * @param urls the URL of each event type, e.g. {"case.created":
	 * "https://crm.example/sync.php"}
	 */
	record CrmTriggersRequest(@Nullable EndpointMethod method, @Nullable Boolean signed,
			@Nullable Map<String, String> urls) {
	}

	/**
	 * The CRM triggers.
	 *
	 * @param method how the URLs are called
	 * @param signed whether requests are signed
	 * @param triggers VCC's eleven rows, in order
	 */
	record CrmTriggersView(EndpointMethod method, boolean signed, List<CrmTriggerView> triggers) {
	}

	/**
	 * One row of VCC's table.
	 *
	 * @param eventType the event type, e.g. case.created (the field named in errors)
	 * @param formattedString what the URL receives, e.g. ?AccountID=aaa&CaseID=ccc
	 * @param url the URL, null when none is set
	 * @param endpointId its endpoint (also listed by /api/v1/webhooks), null when none
	 * @param enabled whether it is called (false when an admin disabled it or it kept
	 * failing)
	 * @param disabledReason FAILING or BY_ADMIN when disabled
	 * @param lastDelivery the state of its newest delivery: PENDING, DELIVERED or FAILED
	 * @param lastStatus the HTTP status of the newest delivery's last answer
	 * @param lastAttemptAt when the newest delivery was last tried
	 * @param nextRetryAt when a delivery that failed is tried again
	 */
	record CrmTriggerView(String eventType, String formattedString, @Nullable String url, @Nullable Long endpointId,
			boolean enabled, @Nullable String disabledReason, @Nullable String lastDelivery,
			@Nullable Integer lastStatus, @Nullable Instant lastAttemptAt, @Nullable Instant nextRetryAt) {

		static CrmTriggerView of(CrmTrigger trigger, @Nullable EndpointSummary summary) {
			WebhookEndpoint endpoint = trigger.endpoint();
			return new CrmTriggerView(trigger.row().eventType(), trigger.row().formattedString(), trigger.url(),
					(endpoint != null) ? endpoint.id() : null, endpoint != null && endpoint.enabled(),
					(endpoint != null) ? endpoint.disabledReason() : null,
					(summary != null) ? summary.lastState() : null, (summary != null) ? summary.lastStatus() : null,
					(summary != null) ? summary.lastAt() : null, (summary != null) ? summary.nextRetryAt() : null);
		}

	}

}
