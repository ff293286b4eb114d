package io.callbridge.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.callbridge.security.LoginProperties.Limits;
import org.jspecify.annotations.Nullable;

/**
 * The login throttling rules for one kind of subject, as plain arithmetic on its failure
 * count and times (all from the database's clock).
 */
final class ThrottlePolicy {

	private static final Duration FIRST_DELAY = Duration.ofSeconds(1);

	private final Limits limits;

	private final Duration window;

	private final Duration maxDelay;

	ThrottlePolicy(Limits limits, Duration window, Duration maxDelay) {
		this.limits = limits;
		this.window = window;
		this.maxDelay = maxDelay;
	}

	/**
	 * What the throttle remembers of a subject.
	 *
	 * @param failures failed logins since the count (re)started
	 * @param lastFailureAt the latest failure
	 * @param lockedUntil refused until then, if locked
	 */
	record State(int failures, Instant lastFailureAt, @Nullable Instant lockedUntil) {
	}

	/** Until when a login attempt of the subject is refused, if it is. */
	Optional<Instant> refusedUntil(@Nullable State state, Instant now) {
		if (state == null) {
			return Optional.empty();
		}
		if (state.lockedUntil() != null && state.lockedUntil().isAfter(now)) {
			return Optional.of(state.lockedUntil());
		}
		if (forgotten(state, now) || state.failures() < this.limits.slowAfter()) {
			return Optional.empty();
		}
		Instant next = state.lastFailureAt().plus(delay(state.failures()));
		return next.isAfter(now) ? Optional.of(next) : Optional.empty();
	}

	/** The state after one more failure; locked once the failures reach the limit. */
	State afterFailure(@Nullable State state, Instant now) {
		int failures = (state == null || forgotten(state, now)) ? 1 : state.failures() + 1;
		Instant lockedUntil = (failures >= this.limits.lockAfter()) ? now.plus(this.limits.lockFor()) : null;
		return new State(failures, now, lockedUntil);
	}

	/** Whether the state no longer counts: its lock is over or it has been quiet long. */
	boolean forgotten(State state, Instant now) {
		boolean lockOver = state.lockedUntil() != null && !state.lockedUntil().isAfter(now);
		return lockOver || !state.lastFailureAt().plus(this.window).isAfter(now);
	}

	/** The wait after the given number of failures: 1 s, 2 s, 4 s… up to the maximum. */
	Duration delay(int failures) {
		int doublings = Math.min(failures - this.limits.slowAfter(), 20);
		Duration delay = FIRST_DELAY.multipliedBy(1L << Math.max(doublings, 0));
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
