package io.callbridge.crm.retailcrm.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when waited on, so the connector's waits (for room under
 * retailCRM's limits, before a quick retry) take no real time; it keeps every wait.
 */
final class MovingClock extends Clock {

	private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	/** Waits: moves the clock on. */
	void park(Duration duration) {
		this.waits.add(duration);
		advance(duration);
	}

	void advance(Duration duration) {
		this.now.updateAndGet((time) -> time.plus(duration));
	}

	/** Every wait, in order. */
	List<Duration> waits() {
		return List.copyOf(this.waits);
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
		throw new UnsupportedOperationException("always UTC");
	}

}
