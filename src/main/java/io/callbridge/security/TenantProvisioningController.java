package io.callbridge.security;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentCommand;
import io.callbridge.agents.AgentService;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets the operator of a multi-company install (an admin of the default tenant) create
 * further tenants, each with its first admin. The operator gets no access to the new
 * tenant's data.
 */
@RestController
@Tag(name = "Tenants", description = "Creating tenants (operators only)")
class TenantProvisioningController {

	private final Tenants tenants;

	private final AgentService agents;

	private final ApplicationEventPublisher events;

	TenantProvisioningController(Tenants tenants, AgentService agents, ApplicationEventPublisher events) {
		this.tenants = tenants;
		this.agents = agents;
		this.events = events;
	}

	@GetMapping("/api/v1/tenants")
	List<TenantSummary> list(CurrentUser user) {
		requireOperator(user);
		return this.tenants.all().stream().map((t) -> new TenantSummary(t.id(), t.slug(), t.name())).toList();
	}

	@PostMapping("/api/v1/tenants")
	@ResponseStatus(HttpStatus.CREATED)
	@Transactional
	@Operation(summary = "Create a tenant with its first admin (operators: admins of the default tenant)")
	TenantSummary create(CurrentUser user, @Valid @RequestBody NewTenant request) {
		requireOperator(user);
		ZoneId zone = zone(request.timeZone());
		long id = this.tenants.create(request.slug(), request.name(), request.defaultRegion().toUpperCase(Locale.ROOT),
				zone, request.currency().toUpperCase(Locale.ROOT));
		Agent admin = this.agents.create(id,
				new AgentCommand(request.adminUsername(), AdminProperties.defaultDisplayName().localized(), null,
						Role.ADMIN, request.adminPassword(), true, null));
		this.agents.setDefaultResponsible(id, admin.id());
		this.events.publishEvent(new TenantAdminCreated(id, admin.id()));
		return new TenantSummary(id, request.slug(), request.name());
	}

	private void requireOperator(CurrentUser user) {
		user.require(Role.ADMIN);
		Tenant home = this.tenants.get(user.tenantId());
		if (!Tenant.DEFAULT_SLUG.equals(home.slug())) {
			throw new Problems.Forbidden(Text.of("tenant.operatorsOnly"));
		}
	}

	private static ZoneId zone(String id) {
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException ex) {
			throw new Problems.InvalidInput("timeZone", Text.of("tenant.unknownTimeZone", id));
		}
	}

	/**
	 * A tenant to create.
	 *
	 * @param slug short unique name
	 * @param name display name
	 * @param defaultRegion phone region
	 * @param timeZone IANA zone
	 * @param currency ISO 4217 currency
	 * @param adminUsername the first admin's login name
	 * @param adminPassword the first admin's password
	 */
	record NewTenant(@NotBlank @Pattern(regexp = "[a-z0-9-]{2,60}") String slug, @NotBlank String name,
			@NotBlank @Pattern(regexp = "[A-Za-z]{2}") String defaultRegion, @NotBlank String timeZone,
			@NotBlank @Pattern(regexp = "[A-Za-z]{3}") String currency, @NotBlank String adminUsername,
			@NotBlank String adminPassword) {

		@Override
		public String toString() {
			return "NewTenant[" + this.slug + "]";
		}

	}

	/**
	 * A tenant in lists.
	 *
	 * @param id id
	 * @param slug short name
	 * @param name display name
	 */
	record TenantSummary(long id, String slug, String name) {
	}

}
