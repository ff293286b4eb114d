package io.callbridge.webhooks;

/**
 * An endpoint just created, with its signing secret: the only time the secret is shown.
 *
 * @param endpoint the endpoint
 * @param secret {@code whsec_} followed by the Base64 of the key
 */
public record CreatedEndpoint(WebhookEndpoint endpoint, String secret) {
}
