package io.callbridge.callmyway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.callbridge.shared.Text;
import io.callbridge.telephony.RequestSlots;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayApiException.Kind;

/**
 * Keeps the {@code getCdrs}/{@code getEndpoints} requests of each username one at a time
 * and at least {@code request-spacing} apart, whichever node sends them, so live polls,
 * paging a long CDR period and the homologation checks never trigger CallMyWay's
 * accumulating delays.
 * <p>
 * Policy: a request takes its username's turn in the shared {@link RequestSlots} (on the
 * database's clock) and, when answered or failed, frees it {@code request-spacing} later
 * on that clock, so nodes whose clocks differ still keep the spacing. The spacing is
 * counted from the answer, not from the departure: CallMyWay saw the request before it
 * answered, so the next one cannot reach it too early however long the network or
 * CallMyWay took — and a slow CallMyWay slows the callers down. Until released, a turn is
 * held for the longest a request can take (connect plus read timeout) plus the spacing,
 * so a node dying mid-request blocks the username only that long. A request that cannot
 * get its turn within {@code max-wait} fails as {@link Kind#UNREACHABLE} ("busy").
 * <p>
 * Live-call polls are urgent: a waiting poll takes the next turn before older CDR pages,
 * endpoint lists and checks, which take the turns polling leaves and at least one turn in
 * {@link RequestSlots#URGENT_RUN} + 1 (see {@link RequestSlots}), so a ringing call shows
 * within a turn or two while anything else runs.
 */
public final class CallMyWayRequestGate {

	/**
	 * How often a waiting request looks again: a turn is often freed before its hold
	 * ends.
	 */
	private static final Duration RECHECK = Duration.ofMillis(500);

	private final Duration spacing;

	private final Duration longestRequest;

	private final Duration maxWait;

	private final Clock clock;

	private final Sleeper sleeper;

	private final RequestSlots slots;

	/**
	 * @param spacing the least time between an answer and the next request of its
	 * username
	 * @param longestRequest the longest a request can take before it times out
	 * @param maxWait the longest a request may wait for its turn
	 * @param clock measures how long a request has waited (turns themselves run on the
	 * slots' time)
	 * @param sleeper how to wait (tests advance a simulated clock instead)
	 * @param slots where the usernames' turns are kept
	 */
	public CallMyWayRequestGate(Duration spacing, Duration longestRequest, Duration maxWait, Clock clock,
			Sleeper sleeper, RequestSlots slots) {
		this.spacing = spacing;
		this.longestRequest = longestRequest;
		this.maxWait = maxWait;
		this.clock = clock;
		this.sleeper = sleeper;
		this.slots = slots;
	}

	/** A gate on the system clock that really sleeps. */
	static CallMyWayRequestGate of(CallMyWayProperties properties, RequestSlots slots) {
		return new CallMyWayRequestGate(properties.requestSpacing(),
				properties.connectTimeout().plus(properties.readTimeout()), properties.maxWait(), Clock.systemUTC(),
				(duration) -> Thread.sleep(duration), slots);
	}

	/**
	 * Waits for this username's turn and takes it; the caller must {@link Turn#close()
	 * close} it once the request is answered or has failed.
	 * @throws CallMyWayApiException of kind {@link Kind#UNREACHABLE} when the turn does
	 * not come within the longest wait, or the wait is interrupted
	 */
	public Turn acquire(String username) {
		return acquire(username, false);
	}

	/**
	 * Waits for this username's turn and takes it, as {@link #acquire(String)} does.
	 * @param urgent whether the request goes before normal ones (a live-call poll)
	 */
	public Turn acquire(String username, boolean urgent) {
		String scope = "callmyway:" + username;
		Duration hold = this.longestRequest.plus(this.spacing);
		RequestSlots.Waiter waiter = new RequestSlots.Waiter(UUID.randomUUID().toString(), urgent, this.maxWait);
		// The node's own clock only measures how long this request has waited: a
		// duration,
		// never compared with a time another node wrote.
		Instant started = this.clock.instant();
		while (true) {
			RequestSlots.Turn turn = this.slots.take(scope, waiter, hold);
			if (turn instanceof RequestSlots.Turn.Granted granted) {
				return new Turn(granted);
			}
			Duration free = ((RequestSlots.Turn.Refused) turn).freeIn();
			Duration left = this.maxWait.minus(Duration.between(started, this.clock.instant()));
			if (left.isNegative() || left.isZero()) {
				this.slots.leave(scope, waiter.id());
				throw new CallMyWayApiException(Kind.UNREACHABLE,
						Text.of("callmyway.busy", username, this.maxWait.toSeconds(), free.toSeconds()));
			}
			// A turn is often freed before its hold ends, or is free but someone waited
			// longer: look again shortly.
			Duration recheck = (free.isZero() || free.compareTo(RECHECK) > 0) ? RECHECK : free;
			sleep((recheck.compareTo(left) < 0) ? recheck : left);
		}
	}

	private void sleep(Duration wait) {
		try {
			this.sleeper.sleep(wait);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CallMyWayApiException(Kind.UNREACHABLE, Text.of("callmyway.interruptedWaiting"), ex);
		}
	}

	/** Waits for a while; tests swap it for one that advances a simulated clock. */
	@FunctionalInterface
	public interface Sleeper {

		void sleep(Duration duration) throws InterruptedException;

	}

	/** A username's turn, held until closed: closing keeps it a spacing longer. */
	public final class Turn implements AutoCloseable {

		private final RequestSlots.Turn.Granted granted;

		private Turn(RequestSlots.Turn.Granted granted) {
			this.granted = granted;
		}

		@Override
		public void close() {
			CallMyWayRequestGate.this.slots.release(this.granted, CallMyWayRequestGate.this.spacing);
		}

	}

}
