package io.callbridge.crm.retailcrm;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when a test moves it or something waits on it, so waits (for
 * room under retailCRM's limits, before a quick retry, a rate window) take no real time;
 * it keeps every wait. Its zone views read the same moving time.
 */
public final class MovingClock extends Clock {

	private final AtomicReference<Instant> now;

	private final List<Duration> waits;

	private final ZoneId zone;

	public MovingClock() {
		this(Instant.parse("2026-03-01T10:00:00Z"));
	}

	public MovingClock(Instant start) {
		this(new AtomicReference<>(start), new CopyOnWriteArrayList<>(), ZoneOffset.UTC);
	}

	private MovingClock(AtomicReference<Instant> now, List<Duration> waits, ZoneId zone) {
		this.now = now;
		this.waits = waits;
		this.zone = zone;
	}

	/** Waits: moves the clock on. */
	public void park(Duration duration) {
		this.waits.add(duration);
		advance(duration);
	}

	public void advance(Duration duration) {
		this.now.updateAndGet((time) -> time.plus(duration));
	}

	/** Every wait, in order. */
	public List<Duration> waits() {
		return List.copyOf(this.waits);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new MovingClock(this.now, this.waits, zone);
	}

}
