package io.callbridge.recordings;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Timing of the recording fetch job.
 *
 * @param fetchDelay how long after the end of a call the first fetch is tried (providers
 * make recordings available some time after the call; Zadarma advises about 40 s)
 * @param pollInterval how often the job looks for due fetches
 * @param retryDelay the wait after a failed attempt, doubled at each further failure
 * @param maxRetryDelay the longest wait between attempts
 * @param maxAttempts after this many attempts the fetch is given up and marked failed
 */
@Validated
@ConfigurationProperties("callbridge.recordings")
public record RecordingProperties(@NotNull @DefaultValue("40s") Duration fetchDelay,
		@NotNull @DefaultValue("5s") Duration pollInterval, @NotNull @DefaultValue("40s") Duration retryDelay,
		@NotNull @DefaultValue("30m") Duration maxRetryDelay, @Min(1) @DefaultValue("10") int maxAttempts) {

	/**
	 * The wait before attempt number {@code attempts + 1}, after {@code attempts}
	 * failures.
	 */
	Duration retryAfter(int attempts) {
		Duration delay = this.retryDelay.multipliedBy(1L << Math.min(attempts - 1, 20));
		return (delay.compareTo(this.maxRetryDelay) > 0) ? this.maxRetryDelay : delay;
	}

}
