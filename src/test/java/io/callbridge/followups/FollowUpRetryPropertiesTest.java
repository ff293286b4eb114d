package io.callbridge.followups;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The retry schedule: growing waits, the last one repeated, and a limit on automatic
 * retries.
 */
class FollowUpRetryPropertiesTest {

	private final FollowUpRetryProperties properties = new FollowUpRetryProperties(Duration.ofSeconds(5),
			List.of(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofMinutes(2)), 5, Duration.ofMinutes(5),
			100);

	@Test
	void waitsGrowWithEachRetryAndTheLastWaitRepeats() {
		assertThat(this.properties.delayAfter(0)).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.properties.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.properties.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.properties.delayAfter(7)).isEqualTo(Duration.ofMinutes(2));
	}

	@Test
	void retriesAutomaticallyUpToTheLimitOnly() {
		assertThat(this.properties.retriesLeft(0)).isTrue();
		assertThat(this.properties.retriesLeft(4)).isTrue();
		assertThat(this.properties.retriesLeft(5)).isFalse();
	}

	@Test
	void failedPublicationIsRetryingWhileRetriesAreLeftThenFailed() {
		assertThat(FollowUpState.of("PROCESSING", 9, false, this.properties)).isEqualTo(FollowUpState.RUNNING);
		assertThat(FollowUpState.of("RESUBMITTED", 0, false, this.properties)).isEqualTo(FollowUpState.RUNNING);
		assertThat(FollowUpState.of("FAILED", 4, false, this.properties)).isEqualTo(FollowUpState.RETRYING);
		assertThat(FollowUpState.of("FAILED", 5, false, this.properties)).isEqualTo(FollowUpState.FAILED);
		// The last retry is claimed (and counted) before the registry leaves FAILED.
		assertThat(FollowUpState.of("FAILED", 5, true, this.properties)).isEqualTo(FollowUpState.RUNNING);
	}

	@Test
	void refusesWaitsThatAreNotPositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new FollowUpRetryProperties(Duration.ofSeconds(5),
				List.of(Duration.ofSeconds(10), Duration.ZERO), 5, Duration.ofMinutes(5), 100));
		assertThatIllegalArgumentException().isThrownBy(() -> new FollowUpRetryProperties(Duration.ZERO,
				List.of(Duration.ofSeconds(10)), 5, Duration.ofMinutes(5), 100));
	}

}
