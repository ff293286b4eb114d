package io.callbridge.uis;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when a test moves it, so UIS's one-hour sessions, minute and
 * day point windows and call durations can be crossed without waiting. The
 * {@link UisSimulator} and its {@link UisCallPlayer} share one.
 */
public final class SimulatedUisClock extends Clock {

	private final AtomicReference<Instant> now;

	public SimulatedUisClock(Instant start) {
		this.now = new AtomicReference<>(start);
	}

	/** A clock starting at the current millisecond. */
	public static SimulatedUisClock startingNow() {
		return new SimulatedUisClock(Instant.ofEpochMilli(System.currentTimeMillis()));
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
