package io.callbridge.telephony.callmyway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.callbridge.telephony.callmyway.CallMyWayApiException;
import io.callbridge.telephony.callmyway.CallMyWayApiException.Kind;

/**
 * Keeps the {@code getCdrs}/{@code getEndpoints} requests of each username at least
 * {@code request-spacing} apart within this JVM, so paging a long CDR period or running
 * the homologation checks never triggers CallMyWay's accumulating delays.
 * <p>
 * Policy: each request reserves the next free slot of its username (the later of now and
 * the previous slot plus the spacing) and then waits for it, so concurrent callers queue
 * in order. A request whose slot is more than {@code max-wait} away is not sent: it fails
 * at once as {@link Kind#UNREACHABLE} ("busy"). The gate is per JVM; keeping several
 * nodes apart is the live poller's job.
 */
public final class CallMyWayRequestGate {

	private final Duration spacing;

	private final Duration maxWait;

	private final Clock clock;

	private final Sleeper sleeper;

	private final ConcurrentMap<String, Instant> nextFree = new ConcurrentHashMap<>();

	/**
	 * @param spacing the least time between two requests of one username
	 * @param maxWait the longest a request may wait for its slot
	 * @param clock the time slots are measured on
	 * @param sleeper how to wait (tests advance a simulated clock instead)
	 */
	public CallMyWayRequestGate(Duration spacing, Duration maxWait, Clock clock, Sleeper sleeper) {
		this.spacing = spacing;
		this.maxWait = maxWait;
		this.clock = clock;
		this.sleeper = sleeper;
	}

	/** A gate on the system clock that really sleeps. */
	static CallMyWayRequestGate of(CallMyWayProperties properties) {
		return new CallMyWayRequestGate(properties.requestSpacing(), properties.maxWait(), Clock.systemUTC(),
				(duration) -> Thread.sleep(duration));
	}

	/**
	 * Waits for this username's next slot and takes it.
	 * @throws CallMyWayApiException of kind {@link Kind#UNREACHABLE} when the slot is
	 * further away than the longest wait, or the wait is interrupted
	 */
	public void acquire(String username) {
		Instant now = this.clock.instant();
		Instant[] slot = new Instant[1];
		boolean[] taken = new boolean[1];
		this.nextFree.compute(username, (user, free) -> {
			slot[0] = (free == null || free.isBefore(now)) ? now : free;
			taken[0] = Duration.between(now, slot[0]).compareTo(this.maxWait) <= 0;
			return taken[0] ? slot[0].plus(this.spacing) : free;
		});
		if (!taken[0]) {
			throw new CallMyWayApiException(Kind.UNREACHABLE,
					"CallMyWay is busy for " + username + ": the next request may only leave in "
							+ Duration.between(now, slot[0]).toSeconds() + " s (CallMyWay allows one every 4 s).");
		}
		sleepUntil(slot[0]);
	}

	private void sleepUntil(Instant at) {
		Duration wait = Duration.between(this.clock.instant(), at);
		if (wait.isNegative() || wait.isZero()) {
			return;
		}
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CallMyWayApiException(Kind.UNREACHABLE, "Interrupted while waiting to call CallMyWay.", ex);
		}
	}

	/** Waits for a while; tests swap it for one that advances a simulated clock. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

}
