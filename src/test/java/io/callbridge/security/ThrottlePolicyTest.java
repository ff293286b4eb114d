package io.callbridge.security;

import java.time.Duration;
import java.time.Instant;

import io.callbridge.security.LoginProperties.UserLimits;
import io.callbridge.security.ThrottlePolicy.State;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throttling arithmetic with the default per-username limits: 5 failures are free,
 * then each attempt waits 1 s, 2 s, 4 s… (at most 30 s), the 10th failure locks for 15
 * minutes; failures are forgotten after 15 quiet minutes or once a lock is over.
 */
class ThrottlePolicyTest {

	private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

	private final ThrottlePolicy policy = new ThrottlePolicy(new UserLimits(5, 10, Duration.ofMinutes(15)),
			Duration.ofMinutes(15), Duration.ofSeconds(30));

	@Test
	void firstFailuresAreNotSlowedDown() {
		State four = failures(4, T0);

		assertThat(this.policy.refusedUntil(four, T0)).isEmpty();
		assertThat(this.policy.refusedUntil(null, T0)).isEmpty();
	}

	@Test
	void fromTheFifthFailureEachAttemptWaitsTwiceAsLongUpToTheMaximum() {
		assertThat(this.policy.refusedUntil(failures(5, T0), T0)).hasValue(T0.plusSeconds(1));
		assertThat(this.policy.refusedUntil(failures(6, T0), T0)).hasValue(T0.plusSeconds(2));
		assertThat(this.policy.refusedUntil(failures(8, T0), T0)).hasValue(T0.plusSeconds(8));
		assertThat(this.policy.delay(40)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.policy.refusedUntil(failures(6, T0), T0.plusSeconds(2))).isEmpty();
	}

	@Test
	void tenthFailureLocksForFifteenMinutes() {
		State locked = this.policy.afterFailure(failures(9, T0), T0.plusSeconds(20));

		assertThat(locked.failures()).isEqualTo(10);
		assertThat(this.policy.refusedUntil(locked, T0.plusSeconds(21))).hasValue(T0.plusSeconds(20 + 900));
	}

	@Test
	void afterALockTheCountStartsAgain() {
		State locked = this.policy.afterFailure(failures(9, T0), T0);

		State next = this.policy.afterFailure(locked, T0.plusSeconds(901));

		assertThat(next.failures()).isEqualTo(1);
		assertThat(next.lockedUntil()).isNull();
	}

	@Test
	void failuresAreForgottenAfterFifteenQuietMinutes() {
		State slowed = failures(7, T0);

		assertThat(this.policy.refusedUntil(slowed, T0.plus(Duration.ofMinutes(15)))).isEmpty();
		assertThat(this.policy.afterFailure(slowed, T0.plus(Duration.ofMinutes(15))).failures()).isEqualTo(1);
		assertThat(this.policy.afterFailure(slowed, T0.plus(Duration.ofMinutes(14))).failures()).isEqualTo(8);
	}

	private static State failures(int count, Instant last) {
		return new State(count, last, null);
	}

}
