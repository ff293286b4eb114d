package io.callbridge.telephony;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Simulated time shared by several threads, for measuring how requests of concurrent
 * callers interleave without waiting in real time. Each thread taking part {@link #join
 * joins} before it starts and {@link #leave leaves} when done; a participant that
 * {@link #sleep sleeps} stops counting as running, and when none runs any more the clock
 * jumps to the earliest wake-up and wakes those due. Time does not move while any
 * participant runs (talks to a simulator, waits on a lock), so a request takes no
 * simulated time.
 */
public final class VirtualTime extends Clock {

	private final AtomicLong sequence = new AtomicLong();

	private final PriorityQueue<Wake> sleeping = new PriorityQueue<>(
			Comparator.comparing(Wake::at).thenComparingLong(Wake::order));

	private Instant now;

	private int running;

	public VirtualTime(Instant start) {
		this.now = start;
	}

	/** A thread takes part; call before starting it, from the thread that starts it. */
	public synchronized void join() {
		this.running++;
	}

	/** A participant is done. */
	public synchronized void leave() {
		this.running--;
		advanceIfIdle();
	}

	/** Sleeps for a simulated duration. */
	public void sleep(Duration duration) throws InterruptedException {
		if (duration.isNegative() || duration.isZero()) {
			return;
		}
		synchronized (this) {
			Wake wake = new Wake(this.now.plus(duration), this.sequence.incrementAndGet());
			this.sleeping.add(wake);
			this.running--;
			advanceIfIdle();
			while (!wake.released) {
				wait();
			}
		}
	}

	/** Sleeps until a simulated time. */
	public void sleepUntil(Instant at) throws InterruptedException {
		sleep(Duration.between(instant(), at));
	}

	@Override
	public synchronized Instant instant() {
		return this.now;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		throw new UnsupportedOperationException("Virtual time is always UTC");
	}

	// Woken participants count as running before they actually run again, so the clock
	// cannot jump past them in between.
	private void advanceIfIdle() {
		if (this.running > 0 || this.sleeping.isEmpty()) {
			return;
		}
		Instant next = this.sleeping.peek().at();
		if (next.isAfter(this.now)) {
			this.now = next;
		}
		while (!this.sleeping.isEmpty() && !this.sleeping.peek().at().isAfter(this.now)) {
			this.sleeping.poll().released = true;
			this.running++;
		}
		notifyAll();
	}

	/** A sleeper's wake-up. */
	private static final class Wake {

		private final Instant at;

		private final long order;

		private boolean released;

		Wake(Instant at, long order) {
			this.at = at;
			this.order = order;
		}

		Instant at() {
			return this.at;
		}

		long order() {
			return this.order;
		}

	}

}
