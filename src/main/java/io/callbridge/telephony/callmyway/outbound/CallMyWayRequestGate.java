package io.callbridge.telephony.callmyway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.callbridge.telephony.RequestSlots;
import io.callbridge.telephony.callmyway.CallMyWayApiException;
import io.callbridge.telephony.callmyway.CallMyWayApiException.Kind;

/**
 * Keeps the {@code getCdrs}/{@code getEndpoints} requests of each username at least
 * {@code request-spacing} apart, whichever node sends them, so live polls, paging a long
 * CDR period and the homologation checks never trigger CallMyWay's accumulating delays.
 * <p>
 * Policy: each request reserves the next free slot of its username in the shared
 * {@link RequestSlots} (the later of now and the previous slot plus the spacing) and then
 * waits for it, so concurrent callers queue in order. A request whose slot is more than
 * {@code max-wait} away is not sent: it fails at once as {@link Kind#UNREACHABLE}
 * ("busy").
 */
public final class CallMyWayRequestGate {

	private final Duration spacing;

	private final Duration maxWait;

	private final Clock clock;

	private final Sleeper sleeper;

	private final RequestSlots slots;

	/**
	 * @param spacing the least time between two requests of one username
	 * @param maxWait the longest a request may wait for its slot
	 * @param clock the time slots are measured on
	 * @param sleeper how to wait (tests advance a simulated clock instead)
	 * @param slots where the usernames' slots are booked
	 */
	public CallMyWayRequestGate(Duration spacing, Duration maxWait, Clock clock, Sleeper sleeper, RequestSlots slots) {
		this.spacing = spacing;
		this.maxWait = maxWait;
		this.clock = clock;
		this.sleeper = sleeper;
		this.slots = slots;
	}

	/** A gate on the system clock that really sleeps. */
	static CallMyWayRequestGate of(CallMyWayProperties properties, RequestSlots slots) {
		return new CallMyWayRequestGate(properties.requestSpacing(), properties.maxWait(), Clock.systemUTC(),
				(duration) -> Thread.sleep(duration), slots);
	}

	/**
	 * Waits for this username's next slot and takes it.
	 * @throws CallMyWayApiException of kind {@link Kind#UNREACHABLE} when the slot is
	 * further away than the longest wait, or the wait is interrupted
	 */
	public void acquire(String username) {
		Instant now = this.clock.instant();
		RequestSlots.Turn turn = this.slots.reserve("callmyway:" + username, now, this.spacing, this.maxWait);
		if (!turn.granted()) {
			throw new CallMyWayApiException(Kind.UNREACHABLE,
					"CallMyWay is busy for " + username + ": the next request may only leave in "
							+ Duration.between(now, turn.at()).toSeconds() + " s (CallMyWay allows one every 4 s).");
		}
		sleepUntil(turn.at());
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
