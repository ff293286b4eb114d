package io.callbridge.agents.web;

import io.callbridge.agents.AgentStatusService;
import io.callbridge.agents.AgentStatuses;
import io.callbridge.agents.Agents;
import io.callbridge.agents.AvailabilityPushes;
import io.callbridge.agents.CurrentStatus;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for agents' statuses: every user reads and sets their own; supervisors and
 * admins read and set those of their tenant's agents.
 */
@RestController
@Tag(name = "Agent status", description = "Whether agents take calls now; followed by providers that keep an "
		+ "availability per employee (UIS)")
class AgentStatusApiController {

	private final Agents agents;

	private final AgentStatuses statuses;

	private final AgentStatusService service;

	private final AvailabilityPushes pushes;

	AgentStatusApiController(Agents agents, AgentStatuses statuses, AgentStatusService service,
			AvailabilityPushes pushes) {
		this.agents = agents;
		this.statuses = statuses;
		this.service = service;
		this.pushes = pushes;
	}

	@GetMapping("/api/v1/me/status")
	@Operation(summary = "The calling user's status, with its pushes to providers")
	StatusView mine(CurrentUser user) {
		return view(user, this.statuses.of(user.tenantId(), user.userId()));
	}

	@PutMapping("/api/v1/me/status")
	@Operation(summary = "Set the calling user's status (AVAILABLE, BUSY, BREAK or OFFLINE); providers that keep an "
			+ "availability per employee follow it")
	StatusView setMine(CurrentUser user, @Valid @RequestBody StatusRequest request) {
		return view(user, this.service.change(user, user.userId(), request.status()));
	}

	@GetMapping("/api/v1/agents/{id}/status")
	@Operation(summary = "An agent's status (supervisors and admins, or the agent themself)")
	StatusView get(CurrentUser user, @PathVariable long id) {
		if (id != user.userId()) {
			user.require(Role.SUPERVISOR);
		}
		this.agents.get(user.tenantId(), id);
		return view(user, this.statuses.of(user.tenantId(), id));
	}

	@PutMapping("/api/v1/agents/{id}/status")
	@Operation(summary = "Set an agent's status (supervisors and admins; an agent only their own)")
	StatusView set(CurrentUser user, @PathVariable long id, @Valid @RequestBody StatusRequest request) {
		return view(user, this.service.change(user, id, request.status()));
	}

	private StatusView view(CurrentUser user, CurrentStatus status) {
		return StatusView.of(
				status, (status.changedBy() != null)
						? this.agents.find(user.tenantId(), status.changedBy()).orElse(null) : null,
				this.pushes.ofAgent(status.agentId()));
	}

	/**
	 * A status to set.
	 *
	 * @param status the status
	 */
	record StatusRequest(@Schema(description = "AVAILABLE, BUSY, BREAK or OFFLINE") @NotNull AgentStatus status) {
	}

}
