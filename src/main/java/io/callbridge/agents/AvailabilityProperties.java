package io.callbridge.agents;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How agents' statuses are pushed to the providers that keep an availability per
 * employee.
 *
 * @param pollInterval how often a node looks for due pushes (one node at a time)
 * @param retryDelays the waits after the first, second, … failed attempt; the last one
 * repeats until a push succeeds or a newer status replaces it
 * @param batchSize at most this many pushes taken per look
 */
@Validated
@ConfigurationProperties("callbridge.agents.availability")
record AvailabilityProperties(@NotNull @DefaultValue("1s") Duration pollInterval, @NotEmpty @DefaultValue( {
		"10s", "30s", "1m", "2m", "5m", "10m" }) List<@NotNull Duration> retryDelays,
		@Min(1) @DefaultValue("100") int batchSize){

	AvailabilityProperties {
		retryDelays = List.copyOf(retryDelays);
		if (retryDelays.stream().anyMatch((delay) -> !delay.isPositive()) || !pollInterval.isPositive()) {
			throw new IllegalArgumentException(
					"callbridge.agents.availability.poll-interval and retry-delays must be positive");
		}
	}

	/**
	 * The wait after a failed attempt.
	 * @param failures the failed attempts so far, this one included
	 * @return the wait
	 */
	Duration delayAfter(int failures) {
		return this.retryDelays.get(Math.min(Math.max(failures - 1, 0), this.retryDelays.size() - 1));
	}

}
