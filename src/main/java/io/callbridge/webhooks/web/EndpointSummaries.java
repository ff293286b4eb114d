package io.callbridge.webhooks.web;

import io.callbridge.webhooks.EndpointStats;
import io.callbridge.webhooks.WebhookDeliveries;
import io.callbridge.webhooks.WebhookDelivery;
import io.callbridge.webhooks.WebhookEndpoint;

import org.springframework.stereotype.Component;

/**
 * How an endpoint is doing, as the lists show it next to it: its statistics and its
 * newest delivery.
 */
@Component
class EndpointSummaries {

	private final WebhookDeliveries deliveries;

	EndpointSummaries(WebhookDeliveries deliveries) {
		this.deliveries = deliveries;
	}

	EndpointSummary of(WebhookEndpoint endpoint) {
		EndpointStats stats = this.deliveries.stats(endpoint.tenantId(), endpoint.id());
		WebhookDelivery last = this.deliveries.deliveries(endpoint.tenantId(), endpoint.id(), 0, 1)
			.items()
			.stream()
			.findFirst()
			.orElse(null);
		return new EndpointSummary(endpoint, stats, last);
	}

}
