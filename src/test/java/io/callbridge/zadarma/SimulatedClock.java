package io.callbridge.zadarma;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test moves it, so rate-limit windows of a minute can be
 * crossed without waiting. Share one between the {@link ZadarmaSimulator} and a client's
 * rate limiter to run both on the same simulated time.
 */
public final class SimulatedClock extends Clock {

	private final AtomicReference<Instant> now;

	public SimulatedClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	/** A clock starting at the current second. */
	public static SimulatedClock startingNow() {
		return new SimulatedClock(Instant.ofEpochSecond(Instant.now().getEpochSecond()));
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((t) -> t.plus(duration));
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("A simulated clock is always UTC");
	}

}
