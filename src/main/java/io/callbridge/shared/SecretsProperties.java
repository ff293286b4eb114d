package io.callbridge.shared;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the key that encrypts secrets at rest comes from.
 *
 * @param encryptionKey the Base64 AES-256 key; never committed, set by environment in
 * production
 * @param keyFile the file a key is generated into when none is configured (default:
 * {@code encryption.key} in the data directory)
 */
@ConfigurationProperties("callbridge.secrets")
public record SecretsProperties(@Nullable String encryptionKey, @Nullable Path keyFile) {
}
