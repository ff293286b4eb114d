package io.callbridge.crm.web;

import java.util.List;
import java.util.Objects;

import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookDelivery;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A connection's deliveries to its CRM: the webhooks outbox's log of the connection's
 * endpoint, and replays. A delivery is replayed here only when it belongs to one of the
 * tenant's CRM connections (to the one named, on the pages); any other delivery is
 * unknown (404), whether it is another tenant's or a plain webhook's.
 */
@Component
class ConnectionDeliveries {

	private final CrmConnections connections;

	private final CrmDirectory directory;

	private final WebhookDeliveries deliveries;

	ConnectionDeliveries(CrmConnections connections, CrmDirectory directory, WebhookDeliveries deliveries) {
		this.connections = connections;
		this.directory = directory;
		this.deliveries = deliveries;
	}

	/** The connection's deliveries, newest first (404 for an unknown connection). */
	PageResult<WebhookDelivery> of(long tenantId, long connectionId, int page, int size) {
		PageResult.validate(page, size);
		this.connections.get(tenantId, connectionId);
		Long endpoint = endpointOf(tenantId, connectionId);
		return (endpoint != null) ? this.deliveries.deliveries(tenantId, endpoint, page, size)
				: new PageResult<>(List.of(), page, size, 0);
	}

	/**
	 * Delivers a delivery's message again, if it was for one of the tenant's connections.
	 * @return the new delivery's id
	 */
	long replay(long tenantId, long deliveryId) {
		WebhookDelivery delivery = this.deliveries.delivery(tenantId, deliveryId);
		boolean ours = this.connections.list(tenantId)
			.stream()
			.map(ConnectionView::id)
			.anyMatch((id) -> Objects.equals(endpointOf(tenantId, id), delivery.endpointId()));
		return replayIf(ours, tenantId, deliveryId);
	}

	/**
	 * Delivers a delivery's message again, if it was for this connection.
	 * @return the new delivery's id
	 */
	long replay(long tenantId, long connectionId, long deliveryId) {
		this.connections.get(tenantId, connectionId);
		WebhookDelivery delivery = this.deliveries.delivery(tenantId, deliveryId);
		return replayIf(Objects.equals(endpointOf(tenantId, connectionId), delivery.endpointId()), tenantId,
				deliveryId);
	}

	private long replayIf(boolean ours, long tenantId, long deliveryId) {
		if (!ours) {
			throw new Problems.NotFound(Text.of("what.webhookDelivery"), deliveryId);
		}
		return this.deliveries.replayDelivery(tenantId, deliveryId);
	}

	private @Nullable Long endpointOf(long tenantId, long connectionId) {
		return this.directory.find(tenantId, connectionId).map(CrmConnection::endpointId).orElse(null);
	}

}
