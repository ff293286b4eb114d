package io.callbridge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.callbridge.webhooks.ConnectorAnswer.Outcome;
import io.callbridge.webhooks.DeliveryWorker.Attempted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the worker settles a connector's answer: taken is delivered, a retry waits what the
 * connector asked (to the millisecond, at most {@code max-retry-after}) while the
 * schedule lasts, a refusal fails at once; the log keeps the answer's status, error and
 * excerpt.
 */
class ConnectorAttemptsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private final RetrySchedule schedule = new RetrySchedule(
			new WebhookProperties(List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0, Duration.ofDays(5),
					Duration.ofSeconds(5), Duration.ofSeconds(15), 10, 65536, 100, Duration.ofMinutes(2), 32,
					Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(30), false));

	@Test
	void aTakenMessageIsDeliveredWithItsExcerptCut() {
		Attempted attempted = Attempted
			.of(new ConnectorAnswer(Outcome.DELIVERED, 200, 12, null, "{\"success\":true,\"more\":1}", null), 12, 10);

		assertThat(attempted.delivered()).isTrue();
		assertThat(attempted.givesUp()).isFalse();
		assertThat(attempted.status()).isEqualTo(200);
		assertThat(attempted.latencyMs()).isEqualTo(12);
		assertThat(attempted.error()).isNull();
		assertThat(attempted.excerpt()).isEqualTo("{\"success\"");
		assertThat(attempted.outcome()).isEqualTo("delivered");
	}

	@Test
	void aTakenMessageWithoutAnAnswerIsDeliveredToo() {
		Attempted attempted = Attempted.of(new ConnectorAnswer(Outcome.DELIVERED, null, 0, null, "unchanged", null), 1,
				1024);

		assertThat(attempted.delivered()).isTrue();
		assertThat(attempted.status()).isNull();
	}

	@Test
	void aRetryWaitsWhatTheConnectorAskedToTheMillisecond() {
		Attempted attempted = Attempted
			.of(new ConnectorAnswer(Outcome.RETRY, 503, 3, "Rate limited", null, Duration.ofMillis(250)), 3, 1024);

		assertThat(attempted.delivered()).isFalse();
		assertThat(attempted.givesUp()).isFalse();
		assertThat(attempted.askedWait()).isEqualTo(Duration.ofMillis(250));
		assertThat(attempted.error()).isEqualTo("Rate limited");
		assertThat(this.schedule.after(1, NOW, attempted.askedWait())).contains(NOW.plusMillis(250));
	}

	@Test
	void aRetryWithoutWordsSaysWhatCameBack() {
		assertThat(Attempted.of(new ConnectorAnswer(Outcome.RETRY, 502, 3, " ", null, null), 3, 1024).error())
			.isEqualTo("HTTP 502");
		assertThat(Attempted.of(new ConnectorAnswer(Outcome.RETRY, null, 3, null, null, null), 3, 1024).error())
			.isEqualTo("Connector answered RETRY");
		assertThat(Attempted.of(new ConnectorAnswer(Outcome.RETRY, null, 3, null, null, null), 3, 1024).outcome())
			.isEqualTo("error");
	}

	@Test
	void anAskedWaitIsCappedAndEndsWithTheSchedule() {
		assertThat(this.schedule.after(1, NOW, Duration.ofDays(2))).contains(NOW.plus(Duration.ofHours(1)));
		assertThat(this.schedule.after(2, NOW, Duration.ofMillis(-5))).contains(NOW);
		assertThat(this.schedule.after(3, NOW, Duration.ofMillis(250))).isEmpty();
	}

	@Test
	void aRefusalFailsAtOnce() {
		Attempted attempted = Attempted
			.of(new ConnectorAnswer(Outcome.FAILED, 400, 5, "Errors in the entity format", null, null), 5, 1024);

		assertThat(attempted.delivered()).isFalse();
		assertThat(attempted.givesUp()).isTrue();
		assertThat(attempted.status()).isEqualTo(400);
		assertThat(attempted.error()).isEqualTo("Errors in the entity format");
		assertThat(attempted.outcome()).isEqualTo("rejected");
	}

}
