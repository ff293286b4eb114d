package io.callbridge.webhooks;

import java.time.Duration;

import io.callbridge.webhooks.Deliveries.Claimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends a claimed message of a CRM connection's endpoint ({@link EndpointKind#CONNECTOR})
 * through the {@link ConnectorDeliveries} of the module managing it, handing over the
 * data the message was written with (not the envelope around it). A server without
 * connector deliveries, a message that is not JSON, or a connector that throws make a
 * failed attempt, retried by the schedule.
 */
@Component
class ConnectorSender {

	private static final Logger log = LoggerFactory.getLogger(ConnectorSender.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ObjectProvider<ConnectorDeliveries> connectors;

	private final WebhookProperties properties;

	ConnectorSender(ObjectProvider<ConnectorDeliveries> connectors, WebhookProperties properties) {
		this.connectors = connectors;
		this.properties = properties;
	}

	/** Delivers the claimed message; never throws. */
	Attempted send(Claimed claimed) {
		ConnectorDeliveries connector = this.connectors.getIfAvailable();
		if (connector == null) {
			return Attempted.failure("No connector deliveries on this server", 0);
		}
		long start = System.nanoTime();
		try {
			JsonNode data = JSON.readTree(claimed.payload()).path("data");
			ConnectorAnswer answer = connector.deliver(new ConnectorMessage(claimed.endpointId(), claimed.tenantId(),
					claimed.messageId(), claimed.eventType(), claimed.orderKey(), JSON.writeValueAsString(data),
					claimed.attempts() + 1));
			long latency = (answer.latencyMs() > 0) ? answer.latencyMs()
					: Duration.ofNanos(System.nanoTime() - start).toMillis();
			return Attempted.of(answer, latency, this.properties.excerptChars());
		}
		catch (JacksonException ex) {
			return Attempted.failure("Not a connector message: " + ex.getClass().getSimpleName(), 0);
		}
		catch (RuntimeException ex) {
			// The connector promises never to throw; if it does, the attempt failed
			// and is retried like any other.
			log.warn("Connector delivery of {} threw", claimed.messageId(), ex);
			return Attempted.failure(ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					Duration.ofNanos(System.nanoTime() - start).toMillis());
		}
	}

}
