package io.callbridge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * When a failed delivery is tried again: the configured schedule (each wait moved by the
 * jitter), or the receiver's {@code Retry-After} on a 429 or 503 or a connector's asked
 * wait (at most {@code max-retry-after}); none once the schedule is exhausted.
 */
@Component
class RetrySchedule {

	private final List<Duration> waits;

	private final double jitter;

	private final Duration maxRetryAfter;

	RetrySchedule(WebhookProperties properties) {
		this.waits = List.copyOf(properties.retrySchedule());
		this.jitter = properties.jitter();
		this.maxRetryAfter = properties.maxRetryAfter();
	}

	/**
	 * The next attempt after {@code attempts} attempts that all failed, the last at
	 * {@code now} (database time); empty when the schedule is exhausted.
	 */
	Optional<Instant> next(int attempts, Instant now, @Nullable Integer status, @Nullable String retryAfter) {
		if (attempts > this.waits.size()) {
			return Optional.empty();
		}
		Optional<Duration> asked = (status != null && (status == 429 || status == 503)) ? retryAfter(retryAfter, now)
				: Optional.empty();
		return Optional.of(now.plus(asked.orElseGet(() -> jittered(this.waits.get(attempts - 1)))));
	}

	/**
	 * The next attempt after {@code attempts} failed ones when the receiver asked to wait
	 * {@code asked} (a connector's answer, to the millisecond; at most
	 * {@code max-retry-after}); empty when the schedule is exhausted.
	 */
	Optional<Instant> after(int attempts, Instant now, Duration asked) {
		if (attempts > this.waits.size()) {
			return Optional.empty();
		}
		Duration wait = asked.isNegative() ? Duration.ZERO : asked;
		return Optional.of(now.plus((wait.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : wait));
	}

	private Duration jittered(Duration wait) {
		if (this.jitter == 0) {
			return wait;
		}
		double factor = 1 + ThreadLocalRandom.current().nextDouble(-this.jitter, this.jitter);
		return Duration.ofMillis(Math.round(wait.toMillis() * factor));
	}

	// Retry-After is delay-seconds or an HTTP date; anything else is ignored.
	private Optional<Duration> retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		Duration wait;
		try {
			wait = Duration.ofSeconds(Long.parseLong(value.strip()));
		}
		catch (NumberFormatException ex) {
			try {
				wait = Duration.between(now,
						ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			}
			catch (DateTimeParseException notADate) {
				return Optional.empty();
			}
		}
		if (wait.isNegative()) {
			return Optional.of(Duration.ZERO);
		}
		return Optional.of((wait.compareTo(this.maxRetryAfter) > 0) ? this.maxRetryAfter : wait);
	}

}
