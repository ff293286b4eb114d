package io.callbridge.campaigns.web;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.callbridge.campaigns.AgentLink;
import io.callbridge.campaigns.ExternalSystem;
import io.callbridge.campaigns.ExternalSystemSaveResult;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for external systems and their agents' IDs. Supervisors and admins; a PUT
 * makes the agent rows exactly those sent (rows with an id change that row).
 */
@RestController
@Tag(name = "External systems", description = "CRMs that know agents and campaigns by their own IDs")
class ExternalSystemsApiController {

	private final ExternalSystems systems;

	private final MessageSource messages;

	ExternalSystemsApiController(ExternalSystems systems, MessageSource messages) {
		this.systems = systems;
		this.messages = messages;
	}

	@GetMapping("/api/v1/external-systems")
	List<SystemView> list(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return this.systems.list(user.tenantId()).stream().map((s) -> SystemView.of(s, List.of())).toList();
	}

	@GetMapping("/api/v1/external-systems/{id}")
	SystemView get(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return SystemView.of(this.systems.get(user.tenantId(), id), List.of());
	}

	@PostMapping("/api/v1/external-systems")
	ResponseEntity<SystemView> create(CurrentUser user, @RequestBody SystemRequest request, Locale locale) {
		user.require(Role.SUPERVISOR);
		ExternalSystemSaveResult saved = this.systems.save(user.tenantId(), null, request.name(), request.links());
		return ResponseEntity.created(URI.create("/api/v1/external-systems/" + saved.system().id()))
			.body(view(saved, locale));
	}

	@PutMapping("/api/v1/external-systems/{id}")
	@Operation(summary = "Change a system; its agent rows become those sent, with a warning for agents of its "
			+ "campaigns left without an ID")
	SystemView update(CurrentUser user, @PathVariable long id, @RequestBody SystemRequest request, Locale locale) {
		user.require(Role.SUPERVISOR);
		return view(this.systems.save(user.tenantId(), id, request.name(), request.links()), locale);
	}

	@DeleteMapping("/api/v1/external-systems/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.systems.delete(user.tenantId(), id);
	}

	private SystemView view(ExternalSystemSaveResult saved, Locale locale) {
		return SystemView.of(saved.system(),
				saved.warnings().stream().map((w) -> w.in(this.messages, locale)).toList());
	}

	/**
	 * An external system as the API shows it.
	 *
	 * @param id id
	 * @param name name
	 * @param agents its agents' IDs
	 * @param createdAt creation
	 * @param warnings warnings of the save (empty when read)
	 */
	record SystemView(long id, String name, List<AgentLink> agents, Instant createdAt, List<String> warnings) {

		static SystemView of(ExternalSystem system, List<String> warnings) {
			return new SystemView(system.id(), system.name(), system.agents(), system.createdAt(), warnings);
		}

	}

	/**
	 * An external system as submitted.
	 *
	 * @param name name
	 * @param agents its agents' IDs
	 */
	record SystemRequest(@Nullable String name, @Nullable List<LinkRequest> agents) {

		List<AgentLink> links() {
			return (this.agents != null) ? this.agents.stream()
				.map((a) -> new AgentLink(a.id(), a.agentId(), (a.externalId() != null) ? a.externalId() : ""))
				.toList() : List.of();
		}

	}

	/**
	 * An agent's ID as submitted.
	 *
	 * @param id the row changed (left out: a new one)
	 * @param agentId the agent
	 * @param externalId the agent's ID in the system
	 */
	record LinkRequest(@Nullable Long id, long agentId, @Nullable String externalId) {
	}

}
