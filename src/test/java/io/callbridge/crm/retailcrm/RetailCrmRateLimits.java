package io.callbridge.crm.retailcrm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * retailCRM's request rates (protocol notes A1): per API key, at most 40 requests in any
 * one second on {@code /telephony/*} and 10 on every other route, each route group
 * counted on its own; a refused request is not counted. Strict sliding windows on a
 * {@link Clock} a test may hold still, so "N per second" holds for every second, not only
 * aligned ones.
 */
final class RetailCrmRateLimits {

	private static final Duration WINDOW = Duration.ofSeconds(1);

	private final Clock clock;

	private final Map<String, Deque<Instant>> windows = new HashMap<>();

	private boolean enabled = true;

	private int rps = 10;

	private int telephonyRps = 40;

	RetailCrmRateLimits(Clock clock) {
		this.clock = clock;
	}

	synchronized void enabled(boolean enabled) {
		this.enabled = enabled;
	}

	synchronized void limits(int rps, int telephonyRps) {
		this.rps = rps;
		this.telephonyRps = telephonyRps;
	}

	/** Counts the request when the key's window for its route group has room. */
	synchronized boolean admit(String key, boolean telephony) {
		if (!this.enabled) {
			return true;
		}
		Instant now = this.clock.instant();
		Deque<Instant> window = this.windows.computeIfAbsent(key + (telephony ? "|telephony" : "|other"),
				(k) -> new ArrayDeque<>());
		while (!window.isEmpty() && !window.peekFirst().plus(WINDOW).isAfter(now)) {
			window.removeFirst();
		}
		if (window.size() >= (telephony ? this.telephonyRps : this.rps)) {
			return false;
		}
		window.addLast(now);
		return true;
	}

}
