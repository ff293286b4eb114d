package io.callbridge.sandbox.web;

import java.util.List;

import io.callbridge.shared.CurrentUser;
import io.callbridge.sandbox.SandboxCall;
import io.callbridge.sandbox.SandboxPbx.Scenario;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the sandbox PBX: simulate an inbound call and control the calls in
 * progress.
 */
@RestController
@Tag(name = "Sandbox PBX", description = "Simulated telephony for trying Callbridge without a provider")
class SandboxApiController {

	private final SandboxControl control;

	SandboxApiController(SandboxControl control) {
		this.control = control;
	}

	@PostMapping("/api/v1/sandbox/calls")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Simulate an inbound call from a number to an extension (default: your own)")
	SandboxCall simulate(CurrentUser user, @RequestBody SimulateRequest request) {
		return this.control.simulate(user, request.accountId(), request.from(), request.line(), request.extension(),
				request.scenario());
	}

	@GetMapping("/api/v1/sandbox/calls")
	List<SandboxCall> active(CurrentUser user) {
		return this.control.active(user);
	}

	@PostMapping("/api/v1/sandbox/calls/{callId}/answer")
	SandboxCall answer(CurrentUser user, @PathVariable String callId,
			@RequestBody(required = false) @Nullable ExtensionRequest request) {
		return this.control.answer(user, callId, (request != null) ? request.extension() : null);
	}

	@PostMapping("/api/v1/sandbox/calls/{callId}/transfer")
	SandboxCall transfer(CurrentUser user, @PathVariable String callId, @Valid @RequestBody ExtensionRequest request) {
		return this.control.transfer(user, callId, request.extension());
	}

	@PostMapping("/api/v1/sandbox/calls/{callId}/hangup")
	SandboxCall hangup(CurrentUser user, @PathVariable String callId) {
		return this.control.hangup(user, callId);
	}

	/**
	 * A call to simulate.
	 *
	 * @param accountId sandbox account (default: the tenant's)
	 * @param from the caller's number, any format; empty or "anonymous" for a withheld
	 * number
	 * @param line our number dialled
	 * @param extension the extension to ring (default: the caller's own)
	 * @param scenario MANUAL (default), ANSWER, MISSED or BUSY
	 */
	record SimulateRequest(@Nullable Long accountId, @Nullable String from, @Nullable String line,
			@Nullable String extension, @Nullable Scenario scenario) {
	}

	/**
	 * An extension.
	 *
	 * @param extension the extension
	 */
	record ExtensionRequest(@NotBlank String extension) {
	}

}
