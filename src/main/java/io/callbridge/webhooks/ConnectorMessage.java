package io.callbridge.webhooks;

/**
 * A claimed message of a connector endpoint.
 *
 * @param endpointId the endpoint
 * @param tenantId its tenant
 * @param messageId the message's id
 * @param eventType the message's type, e.g. {@code crm.call.event}
 * @param orderKey the record it belongs to
 * @param data the data enqueued (JSON)
 * @param attempt this attempt's number, from 1
 */
public record ConnectorMessage(long endpointId, long tenantId, String messageId, String eventType, String orderKey,
		String data, int attempt) {
}
