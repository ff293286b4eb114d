package io.callbridge.callmyway.outbound;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.callbridge.callmyway.CallMyWayAccess;

/**
 * Each account's endpoint list ({@code getEndpoints}, ID → EP) kept for a while, so the
 * Extensions page and every CDR sync or backfill do not spend a CallMyWay turn on it each
 * time (every turn taken is one a live-call poll may wait for). An entry is used for
 * {@code endpoints-ttl}, and only while the account's base URL, username and password are
 * those it was read with: changing them reads the list again at once, on any node, since
 * they are compared on every use. The homologation checks and credential checks always
 * ask CallMyWay.
 */
final class CallMyWayEndpointCache {

	private final Duration ttl;

	private final Clock clock;

	private final Map<Long, Entry> entries = new ConcurrentHashMap<>();

	CallMyWayEndpointCache(Duration ttl, Clock clock) {
		this.ttl = ttl;
		this.clock = clock;
	}

	/**
	 * The account's endpoints: the kept list while it is fresh and read with the same
	 * access, else a new one from {@code read}.
	 */
	Map<String, String> endpoints(long accountId, CallMyWayAccess access, Supplier<Map<String, String>> read) {
		String fingerprint = fingerprint(access);
		Instant now = this.clock.instant();
		Entry entry = this.entries.get(accountId);
		if (entry != null && entry.fingerprint().equals(fingerprint) && now.isBefore(entry.readAt().plus(this.ttl))) {
			return entry.endpoints();
		}
		Map<String, String> endpoints = Map.copyOf(read.get());
		this.entries.put(accountId, new Entry(fingerprint, endpoints, now));
		return endpoints;
	}

	// The password is kept only as a hash: the cache must not hold secrets.
	private static String fingerprint(CallMyWayAccess access) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256");
			sha.update(access.password().getBytes(StandardCharsets.UTF_8));
			return access.baseUrl() + "|" + access.username() + "|" + HexFormat.of().formatHex(sha.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/**
	 * An account's endpoint list as read.
	 *
	 * @param fingerprint the access it was read with
	 * @param endpoints ID → EP
	 * @param readAt when
	 */
	private record Entry(String fingerprint, Map<String, String> endpoints, Instant readAt) {
	}

}
