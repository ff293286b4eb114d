package io.callbridge.crm.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.ManagerView;
import io.callbridge.crm.web.CrmApiViews.CheckView;
import io.callbridge.crm.web.CrmApiViews.ConnectorView;
import io.callbridge.crm.web.CrmApiViews.ManagersRequest;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Role;
import io.callbridge.webhooks.WebhookDelivery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
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
 * REST API for the tenant's CRM connections: CRUD, the check against the CRM, connecting
 * (registering the integration in the CRM), the managers' mapping, the delivery log and
 * replays. Admins change; supervisors read; credentials are write-only; errors are
 * problem+json (422 naming the field).
 */
@RestController
@Tag(name = "CRM connections",
		description = "Connections to external CRMs (retailCRM): call events and history sent to the CRM, "
				+ "click-to-call and status from it; credentials are write-only")
class CrmConnectionsApiController {

	private static final String CONNECTIONS = "/api/v1/crm/connections";

	private final CrmConnections connections;

	private final ConnectionDeliveries deliveries;

	private final PublicBaseUrl publicBaseUrl;

	CrmConnectionsApiController(CrmConnections connections, ConnectionDeliveries deliveries,
			PublicBaseUrl publicBaseUrl) {
		this.connections = connections;
		this.deliveries = deliveries;
		this.publicBaseUrl = publicBaseUrl;
	}

	@GetMapping("/api/v1/crm/connectors")
	@Operation(summary = "The CRM connectors this server has, with the fields a connection of each needs")
	List<ConnectorView> connectors(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return this.connections.connectors().stream().map(ConnectorView::of).toList();
	}

	@GetMapping(CONNECTIONS)
	@Operation(summary = "The tenant's CRM connections with their registration and delivery status")
	List<ConnectionView> list(CurrentUser user) {
		user.require(Role.SUPERVISOR);
		return this.connections.list(user.tenantId());
	}

	@GetMapping(CONNECTIONS + "/{id}")
	@Operation(summary = "One connection with its status (secrets only named in secretsSet, never shown)")
	ConnectionView get(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.connections.get(user.tenantId(), id);
	}

	@PostMapping(CONNECTIONS)
	@Operation(summary = "Create a connection (admins); nothing is sent to the CRM until it is connected. "
			+ "A blank publicBaseUrl takes the server's public URL, else the address of this request")
	ResponseEntity<ConnectionView> create(CurrentUser user,
			@Validated(ConnectionRequest.OnCreate.class) @RequestBody ConnectionRequest request) {
		user.require(Role.ADMIN);
		ConnectionView created = this.connections.create(user.tenantId(),
				request.toCreate(this.publicBaseUrl.orDefault(request.publicBaseUrl())));
		return ResponseEntity.created(URI.create(CONNECTIONS + "/" + created.id())).body(created);
	}

	@PutMapping(CONNECTIONS + "/{id}")
	@Operation(summary = "Change a connection (admins): a field left out keeps its value, a secret left out or "
			+ "blank keeps the stored one; a blank publicBaseUrl takes the default. A change of what is registered "
			+ "(URLs, codes) registers the integration again")
	ConnectionView update(CurrentUser user, @PathVariable long id, @Valid @RequestBody ConnectionRequest request) {
		user.require(Role.ADMIN);
		ConnectionView current = this.connections.get(user.tenantId(), id);
		return this.connections.update(user.tenantId(), id,
				request.toUpdate(current, this.publicBaseUrl.orDefault(request.publicBaseUrl())));
	}

	@DeleteMapping(CONNECTIONS + "/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a connection with its pending deliveries (admins); nothing is sent to the CRM")
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		this.connections.delete(user.tenantId(), id);
	}

	@PostMapping(CONNECTIONS + "/{id}/check")
	@Operation(summary = "Check the stored address and credentials against the CRM, changing nothing there "
			+ "(admins): passed, or failed with the CRM's own message")
	CheckView check(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		return CheckView.of(this.connections.check(user.tenantId(), id));
	}

	@PostMapping(CONNECTIONS + "/{id}/connect")
	@Operation(summary = "Register the integration in the CRM now (admins); the answer is the connection with "
			+ "its registration state and the CRM's answer")
	ConnectionView connect(CurrentUser user, @PathVariable long id) {
		user.require(Role.ADMIN);
		return this.connections.connect(user.tenantId(), id);
	}

	@GetMapping(CONNECTIONS + "/{id}/managers")
	@Operation(summary = "Every agent with their CRM user id, code and extensions on the connection's accounts")
	List<ManagerView> managers(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.connections.managers(user.tenantId(), id);
	}

	@PutMapping(CONNECTIONS + "/{id}/managers")
	@Operation(summary = "Replace the managers' mapping (admins): agents left out are no longer related; the "
			+ "integration is registered again when the codes changed")
	List<ManagerView> saveManagers(CurrentUser user, @PathVariable long id,
			@Valid @RequestBody ManagersRequest request) {
		user.require(Role.ADMIN);
		return this.connections.saveManagers(user.tenantId(), id, request.toCommands());
	}

	@GetMapping(CONNECTIONS + "/{id}/deliveries")
	@Operation(summary = "The connection's deliveries to its CRM, newest first, with their attempts")
	PageResult<WebhookDelivery> deliveries(CurrentUser user, @PathVariable long id,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		user.require(Role.SUPERVISOR);
		return this.deliveries.of(user.tenantId(), id, page, size);
	}

	@PostMapping("/api/v1/crm/deliveries/{deliveryId}/replay")
	@Operation(summary = "Deliver a delivery of a CRM connection again (admins), after whatever of the same call "
			+ "is still pending")
	ResponseEntity<Map<String, Long>> replay(CurrentUser user, @PathVariable long deliveryId) {
		user.require(Role.ADMIN);
		return ResponseEntity.accepted()
			.body(Map.of("deliveryId", this.deliveries.replay(user.tenantId(), deliveryId)));
	}

}
