package io.callbridge.webhooks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A new signing secret, shown this once; the previous ones keep signing until
 * {@code previousExpiresAt}.
 *
 * @param secret {@code whsec_} followed by the Base64 of the key
 * @param previousExpiresAt when the secrets it replaces stop signing, if there were any
 */
public record RotatedSecret(String secret, @Nullable Instant previousExpiresAt) {
}
