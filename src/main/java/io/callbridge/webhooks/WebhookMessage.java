package io.callbridge.webhooks;

import java.time.Instant;

/**
 * The body of every webhook, as Standard Webhooks suggests: its type, when the event
 * happened, and the data of the type ({@link CallWebhookData}, {@link RecordWebhookData},
 * {@link TestWebhookData}).
 *
 * @param type the event type, e.g. {@code call.answered}
 * @param timestamp when the message was written (ISO-8601, UTC)
 * @param data the type's data
 */
public record WebhookMessage(String type, Instant timestamp, Object data) {
}
