package io.callbridge.agents.web;

import java.util.List;
import java.util.Map;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentCommand;
import io.callbridge.agents.AgentService;
import io.callbridge.agents.AgentStatuses;
import io.callbridge.agents.Agents;
import io.callbridge.agents.CurrentStatus;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for agents (users), their extensions and the default responsible agent.
 */
@RestController
@Tag(name = "Agents", description = "Users of the tenant and their extensions")
class AgentsApiController {

	private final Agents agents;

	private final AgentService service;

	private final AgentStatuses statuses;

	AgentsApiController(Agents agents, AgentService service, AgentStatuses statuses) {
		this.agents = agents;
		this.service = service;
		this.statuses = statuses;
	}

	@GetMapping("/api/v1/me")
	@Operation(summary = "The calling user, with their extensions")
	AgentView me(CurrentUser user) {
		Agent me = this.agents.get(user.tenantId(), user.userId());
		return AgentView.full(me, this.agents.extensionsOf(me.id()),
				this.statuses.of(user.tenantId(), me.id()).status());
	}

	@GetMapping("/api/v1/agents")
	@Operation(summary = "The tenant's users; agents see names only, supervisors also roles, status and extensions, "
			+ "admins everything")
	List<AgentView> list(CurrentUser user) {
		Map<Long, CurrentStatus> all = user.isAtLeast(Role.SUPERVISOR) ? this.statuses.ofTenant(user.tenantId())
				: Map.of();
		return this.agents.list(user.tenantId()).stream().map((agent) -> view(user, agent, all)).toList();
	}

	@GetMapping("/api/v1/agents/{id}")
	@Operation(summary = "One user of the tenant, shown as in the list")
	AgentView get(CurrentUser user, @PathVariable long id) {
		return view(user, this.agents.get(user.tenantId(), id));
	}

	@PostMapping("/api/v1/agents")
	@ResponseStatus(HttpStatus.CREATED)
	AgentView create(CurrentUser user, @Valid @RequestBody AgentRequest request) {
		user.require(Role.ADMIN);
		return view(user, this.service.create(user.tenantId(), request.toCommand()));
	}

	@PutMapping("/api/v1/agents/{id}")
	@Operation(summary = "Change an agent; omit the password to keep it. A new role, username or password, or "
			+ "disabling, ends the agent's login sessions at once")
	AgentView update(CurrentUser user, @PathVariable long id, @Valid @RequestBody AgentRequest request) {
		user.require(Role.ADMIN);
		return view(user, this.service.update(user.tenantId(), id, request.toCommand()));
	}

	@DeleteMapping("/api/v1/agents/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete an agent; their login sessions and API tokens stop at once")
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		this.service.delete(user.tenantId(), id, user.userId());
	}

	@PutMapping("/api/v1/agents/{id}/extensions/{accountId}")
	@Operation(summary = "Give the agent an extension on a telephony account (unique within the account)")
	AgentView assignExtension(CurrentUser user, @PathVariable long id, @PathVariable long accountId,
			@Valid @RequestBody ExtensionRequest request) {
		user.require(Role.ADMIN);
		this.service.assignExtension(user.tenantId(), id, accountId, request.extension());
		return get(user, id);
	}

	@DeleteMapping("/api/v1/agents/{id}/extensions/{accountId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void removeExtension(CurrentUser user, @PathVariable long id, @PathVariable long accountId) {
		user.require(Role.ADMIN);
		this.service.removeExtension(user.tenantId(), id, accountId);
	}

	@PutMapping("/api/v1/agents/default-responsible")
	@Operation(summary = "Set (or clear with null) the tenant's default responsible agent")
	@Nullable AgentView setDefaultResponsible(CurrentUser user, @RequestBody DefaultResponsibleRequest request) {
		user.require(Role.ADMIN);
		this.service.setDefaultResponsible(user.tenantId(), request.agentId());
		return (request.agentId() != null) ? get(user, request.agentId()) : null;
	}

	// The API shows a reader no more than the UI does (see AgentView).
	private AgentView view(CurrentUser reader, Agent agent) {
		return view(reader, agent, reader.isAtLeast(Role.SUPERVISOR)
				? Map.of(agent.id(), this.statuses.of(reader.tenantId(), agent.id())) : Map.of());
	}

	private AgentView view(CurrentUser reader, Agent agent, Map<Long, CurrentStatus> statuses) {
		AgentStatus status = statuses.containsKey(agent.id()) ? statuses.get(agent.id()).status()
				: AgentStatus.AVAILABLE;
		if (reader.isAtLeast(Role.ADMIN)) {
			return AgentView.full(agent, this.agents.extensionsOf(agent.id()), status);
		}
		if (reader.isAtLeast(Role.SUPERVISOR)) {
			return AgentView.forSupervisor(agent, this.agents.extensionsOf(agent.id()), status);
		}
		return AgentView.forAgent(agent);
	}

	/**
	 * An agent as submitted.
	 *
	 * @param username login name
	 * @param displayName display name
	 * @param email e-mail
	 * @param role role
	 * @param password password (required on create)
	 * @param enabled whether the user may log in (default true)
	 * @param externalId id in an external CRM
	 */
	record AgentRequest(@NotBlank String username, @NotBlank String displayName, @Nullable String email,
			@NotNull Role role, @Nullable String password, @Nullable Boolean enabled, @Nullable String externalId) {

		AgentCommand toCommand() {
			return new AgentCommand(this.username, this.displayName, this.email, this.role, this.password,
					this.enabled == null || this.enabled, this.externalId);
		}

		@Override
		public String toString() {
			return "AgentRequest[" + this.username + "]";
		}

	}

	/**
	 * An extension to assign.
	 *
	 * @param extension the extension
	 */
	record ExtensionRequest(@NotBlank String extension) {
	}

	/**
	 * The default responsible agent.
	 *
	 * @param agentId the agent, or null to clear
	 */
	record DefaultResponsibleRequest(@Nullable Long agentId) {
	}

}
