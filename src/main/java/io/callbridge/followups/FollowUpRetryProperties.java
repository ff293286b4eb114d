package io.callbridge.followups;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How failed follow-ups are retried.
 *
 * @param checkInterval how often a node looks for due retries (one node at a time)
 * @param delays the waits after the first, second, … failure; the last one repeats
 * @param maxRetries automatic retries before a follow-up counts as failed (it can still
 * be retried by hand)
 * @param stuckAfter how long one run may take before it counts as lost (its node stopped)
 * and is retried; well above any listener's own timeouts
 * @param batchSize at most this many retries started per check
 */
@Validated
@ConfigurationProperties("callbridge.followups.retry")
public record FollowUpRetryProperties(@NotNull @DefaultValue("5s") Duration checkInterval, @NotEmpty @DefaultValue( {
		"10s", "30s", "2m", "10m", "30m", "1h" }) List<@NotNull Duration> delays,
		@Min(0) @DefaultValue("10") int maxRetries, @NotNull @DefaultValue("5m") Duration stuckAfter,
		@Min(1) @DefaultValue("100") int batchSize){

	public FollowUpRetryProperties {
		delays = List.copyOf(delays);
		if (delays.stream().anyMatch((delay) -> delay.isNegative() || delay.isZero())) {
			throw new IllegalArgumentException("callbridge.followups.retry.delays must all be positive: " + delays);
		}
		if (!checkInterval.isPositive() || !stuckAfter.isPositive()) {
			throw new IllegalArgumentException(
					"callbridge.followups.retry.check-interval and stuck-after must be positive");
		}
	}

	/**
	 * The wait between a failure and the next automatic retry.
	 * @param retries the retries already started (0 after the first failure)
	 * @return the wait
	 */
	Duration delayAfter(int retries) {
		return this.delays.get(Math.min(Math.max(retries, 0), this.delays.size() - 1));
	}

	/**
	 * Whether a follow-up that failed after this many retries is retried automatically.
	 */
	boolean retriesLeft(int retries) {
		return retries < this.maxRetries;
	}

}
