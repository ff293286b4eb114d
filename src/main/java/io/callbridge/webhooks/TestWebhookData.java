package io.callbridge.webhooks;

/**
 * The {@code data} of a {@code webhook.test} message, sent from an endpoint's page to
 * check the receiver (schema version 1).
 *
 * @param schemaVersion 1
 * @param endpointId the endpoint it was sent to
 * @param message a fixed sentence saying it is a test
 */
public record TestWebhookData(int schemaVersion, long endpointId, String message) {
}
