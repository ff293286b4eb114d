package io.callbridge.shared;

import java.util.HashMap;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps what a tenant's configuration says for the reads every call makes (the agent on
 * an extension, whether any CRM connection or webhook endpoint may want the call, the
 * campaign of an inbound line, the supervisors and admins whose wallboards are told),
 * exactly: each value is kept with the tenant's configuration version it was read at, and
 * used only while the tenant's version is still that one.
 * <p>
 * The version lives in {@code config_versions}. Triggers on the configuration tables
 * ({@code agent_extensions}, {@code users}, {@code crm_connections},
 * {@code webhook_endpoints}, {@code campaigns}, and {@code tenants} for the tenant's own
 * settings) raise it inside the transaction that changes them, whatever code or SQL does
 * it (cascading deletes included), so a change commits together with its new version, and
 * any node reading the version afterwards reads the change too. A value read through this
 * cache must depend on nothing else. A transaction reads its tenant's version once, then
 * serves every read it makes of that tenant's configuration from memory: one statement
 * instead of one per read. The version is read before the value it guards, so a value is
 * never older than the version it is kept under. Within one transaction the version is
 * the one first read: a transaction that changes configuration and then reads it back
 * through this cache would not see its own change (none does: the transactions that apply
 * calls change no configuration).
 */
@Component
public class ConfigCache {

	private static final String VERSIONS = ConfigCache.class.getName() + ".versions";

	private final JdbcClient jdbc;

	private final Cache<Key, Versioned> values = Caffeine.newBuilder().maximumSize(50_000).build();

	ConfigCache(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The value of a read of the tenant's configuration, from memory while the tenant's
	 * configuration has not changed since it was read.
	 * @param name what is read (one name per kind of read)
	 * @param tenantId the tenant whose configuration it is
	 * @param key what the read is of (an account and extension, say)
	 * @param read the read itself; its result must be immutable
	 * @return the value
	 */
	public <V> V get(String name, long tenantId, Object key, Supplier<V> read) {
		long version = version(tenantId);
		Key cacheKey = new Key(name, tenantId, key);
		Versioned kept = this.values.getIfPresent(cacheKey);
		if (kept != null && kept.version() == version) {
			@SuppressWarnings("unchecked")
			V value = (V) kept.value();
			return value;
		}
		V value = read.get();
		this.values.put(cacheKey, new Versioned(version, value));
		return value;
	}

	// Once per transaction and tenant; at every read outside a transaction.
	private long version(long tenantId) {
		return TransactionScoped.value(VERSIONS, Versions.class, Versions::new)
			.map((versions) -> versions.computeIfAbsent(tenantId, this::readVersion))
			.orElseGet(() -> readVersion(tenantId));
	}

	private long readVersion(long tenantId) {
		return this.jdbc.sql("SELECT version FROM config_versions WHERE tenant_id = ?")
			.param(tenantId)
			.query(Long.class)
			.optional()
			.orElse(0L);
	}

	private record Key(String name, long tenantId, Object key) {
	}

	private record Versioned(long version, Object value) {
	}

	/** The tenants' versions as one transaction read them. */
	private static final class Versions extends HashMap<Long, Long> {

	}

}
