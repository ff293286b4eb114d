package io.callbridge.webhooks.web;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.CreatedEndpoint;
import io.callbridge.webhooks.EndpointCommand;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.EndpointStats;
import io.callbridge.webhooks.RotatedSecret;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookDelivery;
import io.callbridge.webhooks.WebhookEndpoint;
import io.callbridge.webhooks.WebhookEndpoints;
import io.callbridge.webhooks.WebhookEventTypes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for webhook endpoints and CRM triggers: CRUD, secret rotation, enable and
 * disable, the delivery log, statistics, test events and replays. Admins change;
 * supervisors read; errors are problem+json (422 naming the field).
 */
@RestController
@Tag(name = "Webhooks", description = "Signed webhooks and CRM triggers: endpoints, deliveries, replays")
class WebhooksApiController {

	private final WebhookEndpoints endpoints;

	private final WebhookDeliveries deliveries;

	WebhooksApiController(WebhookEndpoints endpoints, WebhookDeliveries deliveries) {
		this.endpoints = endpoints;
		this.deliveries = deliveries;
	}

	@GetMapping("/api/v1/webhooks/event-types")
	@Operation(summary = "The event types an endpoint can receive")
	List<String> eventTypes(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return WebhookEventTypes.all();
	}

	@GetMapping("/api/v1/webhooks/endpoints")
	@Operation(summary = "The tenant's endpoints (kind=WEBHOOK or CRM_TRIGGER to filter)")
	List<WebhookEndpoint> list(CurrentUser user, @RequestParam(required = false) @Nullable EndpointKind kind) {
		user.require(Role.SUPERVISOR);
		return this.endpoints.list(user.tenantId(), kind);
	}

	@GetMapping("/api/v1/webhooks/endpoints/disabled")
	@Operation(summary = "Endpoints disabled after days of failed deliveries (the admins' notice)")
	List<WebhookEndpoint> disabled(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return this.endpoints.disabledEndpoints(user.tenantId());
	}

	@GetMapping("/api/v1/webhooks/endpoints/{id}")
	WebhookEndpoint get(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.endpoints.get(user.tenantId(), id);
	}

	@PostMapping("/api/v1/webhooks/endpoints")
	@Operation(summary = "Create an endpoint; the answer holds its signing secret, shown only this once")
	ResponseEntity<CreatedEndpoint> create(CurrentUser user, @RequestBody EndpointRequest request) {
		user.require(Role.ADMIN);
		CreatedEndpoint created = this.endpoints.create(user.tenantId(), request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/webhooks/endpoints/" + created.endpoint().id()))
			.body(created);
	}

	@PutMapping("/api/v1/webhooks/endpoints/{id}")
	WebhookEndpoint update(CurrentUser user, @PathVariable long id, @RequestBody EndpointRequest request) {
		user.require(Role.ADMIN);
		return this.endpoints.update(user.tenantId(), id, request.toCommand());
	}

	@DeleteMapping("/api/v1/webhooks/endpoints/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		this.endpoints.delete(user.tenantId(), id);
	}

	@PostMapping("/api/v1/webhooks/endpoints/{id}/enable")
	@Operation(summary = "Enable an endpoint: its waiting deliveries are sent at once")
	WebhookEndpoint enable(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		WebhookEndpoints.refuseConnector(this.endpoints.get(user.tenantId(), id));
		return this.endpoints.enable(user.tenantId(), id);
	}

	@PostMapping("/api/v1/webhooks/endpoints/{id}/disable")
	@Operation(summary = "Disable an endpoint: its deliveries wait until it is enabled")
	WebhookEndpoint disable(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		WebhookEndpoints.refuseConnector(this.endpoints.get(user.tenantId(), id));
		return this.endpoints.disable(user.tenantId(), id);
	}

	@PostMapping("/api/v1/webhooks/endpoints/{id}/secret/rotate")
	@Operation(summary = "Issue a new signing secret (shown only this once); the current one keeps signing "
			+ "for overlapSeconds (default 86400)")
	RotatedSecret rotate(CurrentUser user, @PathVariable long id,
			@RequestBody(required = false) @Nullable RotateRequest request) {
		user.require(Role.ADMIN);
		Duration overlap = (request != null && request.overlapSeconds() != null)
				? Duration.ofSeconds(request.overlapSeconds()) : null;
		return this.endpoints.rotateSecret(user.tenantId(), id, overlap);
	}

	@GetMapping("/api/v1/webhooks/endpoints/{id}/deliveries")
	@Operation(summary = "The endpoint's deliveries, newest first, with their attempts")
	PageResult<WebhookDelivery> deliveries(CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		user.require(Role.SUPERVISOR);
		return this.deliveries.deliveries(user.tenantId(), id, page, size);
	}

	@GetMapping("/api/v1/webhooks/endpoints/{id}/stats")
	@Operation(summary = "Success rate over the last 24 hours, next retry, deliveries per state")
	EndpointStats stats(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.deliveries.stats(user.tenantId(), id);
	}

	@PostMapping("/api/v1/webhooks/endpoints/{id}/test")
	@Operation(summary = "Send a webhook.test message to the endpoint")
	ResponseEntity<Map<String, String>> test(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		return ResponseEntity.accepted().body(Map.of("messageId", this.deliveries.sendTestEvent(user.tenantId(), id)));
	}

	@PostMapping("/api/v1/webhooks/endpoints/{id}/replay")
	@Operation(summary = "Deliver again every message of [from, to) that was for the endpoint")
	ResponseEntity<Map<String, Integer>> replayRange(CurrentUser user, @PathVariable long id,
			@RequestBody ReplayRequest request) {
		user.require(Role.ADMIN);
		if (request.from() == null || request.to() == null) {
			throw new Problems.InvalidInput((request.from() == null) ? "from" : "to",
					Text.of("webhooks.range.invalid", WebhookDeliveries.MAX_REPLAY_RANGE.toDays()));
		}
		return ResponseEntity.accepted()
			.body(Map.of("replayed", this.deliveries.replayRange(user.tenantId(), id, request.from(), request.to())));
	}

	@PostMapping("/api/v1/webhooks/deliveries/{id}/replay")
	@Operation(summary = "Deliver a delivery's message again (same webhook-id)")
	ResponseEntity<Map<String, Long>> replay(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		return ResponseEntity.accepted()
			.body(Map.of("deliveryId", this.deliveries.replayDelivery(user.tenantId(), id)));
	}

	/**
	 * An endpoint as submitted.
	 *
	 * @param kind WEBHOOK (default) or CRM_TRIGGER
	 * @param url target
	 * @param method POST, GET or PUT (webhooks: POST)
	 * @param description note
	 * @param eventTypes filters or, for a CRM trigger, its event type
	 * @param signed whether a CRM trigger is signed
	 */
	record EndpointRequest(@Nullable EndpointKind kind, @Nullable String url, @Nullable EndpointMethod method,
			@Nullable String description, @Nullable List<String> eventTypes, @Nullable Boolean signed) {

		EndpointCommand toCommand() {
			return new EndpointCommand(this.kind, this.url, this.method, this.description, this.eventTypes,
					this.signed);
		}

	}

	/**
	 * A rotation.
	 *
	 * @param overlapSeconds how long the current secret keeps signing
	 */
	record RotateRequest(@Nullable Long overlapSeconds) {
	}

	/**
	 * A range to replay.
	 *
	 * @param from start, inclusive
	 * @param to end, exclusive
	 */
	record ReplayRequest(@Nullable Instant from, @Nullable Instant to) {
	}

}
