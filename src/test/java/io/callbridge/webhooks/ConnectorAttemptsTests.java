package io.callbridge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import io.callbridge.webhooks.ConnectorAnswer.Outcome;
import io.callbridge.webhooks.Deliveries.Claimed;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the worker settles a connector's answer: taken is delivered, a retry waits what the
 * connector asked (to the millisecond, at most {@code max-retry-after}) while the
 * schedule lasts, a refusal fails at once; the log keeps the answer's status, error and
 * excerpt.
 */
class ConnectorAttemptsTests {

	private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

	private static final WebhookProperties PROPERTIES = new WebhookProperties(
			List.of(Duration.ofSeconds(5), Duration.ofMinutes(5)), 0, Duration.ofDays(5), Duration.ofSeconds(5),
			Duration.ofSeconds(15), 10, 65536, 100, Duration.ofMinutes(2), 32, Duration.ofSeconds(1),
			Duration.ofHours(1), Duration.ofDays(30), Duration.ofDays(30), false);

	private final RetrySchedule schedule = new RetrySchedule(PROPERTIES);

	@Test
	void theConnectorIsHandedTheDataTheMessageWasWrittenWith() {
		AtomicReference<ConnectorMessage> handed = new AtomicReference<>();
		ConnectorSender sender = sender((message) -> {
			handed.set(message);
			return new ConnectorAnswer(Outcome.DELIVERED, 200, 7, null, "ok", null);
		});

		Attempted attempted = sender.send(claimed("{\"type\":\"crm.call.event\",\"timestamp\":\"2026-03-01T10:00:00Z\","
				+ "\"data\":{\"callId\":2,\"agentId\":null}}"));

		assertThat(handed.get()).isEqualTo(
				new ConnectorMessage(5, 3, "msg_1", "crm.call.event", "call:2", "{\"callId\":2,\"agentId\":null}", 3));
		assertThat(attempted.delivered()).isTrue();
		assertThat(attempted.latencyMs()).isEqualTo(7);
	}

	@Test
	void noConnectorOrOneThatThrowsOrAnUnreadableMessageIsAFailedAttempt() {
		Attempted none = new ConnectorSender(new StaticListableBeanFactory().getBeanProvider(ConnectorDeliveries.class),
				PROPERTIES)
			.send(claimed("{\"data\":{}}"));
		Attempted thrown = sender((message) -> {
			throw new IllegalStateException("bug");
		}).send(claimed("{\"data\":{}}"));
		Attempted unreadable = sender((message) -> new ConnectorAnswer(Outcome.DELIVERED, 200, 1, null, null, null))
			.send(claimed("not json"));

		assertThat(List.of(none, thrown, unreadable)).allSatisfy((attempted) -> {
			assertThat(attempted.delivered()).isFalse();
			assertThat(attempted.givesUp()).isFalse();
			assertThat(attempted.status()).isNull();
		});
		assertThat(none.error()).isEqualTo("No connector deliveries on this server");
		assertThat(thrown.error()).isEqualTo("IllegalStateException: bug");
		assertThat(unreadable.error()).startsWith("Not a connector message: ");
	}

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

	private static ConnectorSender sender(ConnectorDeliveries connector) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("connector", connector);
		return new ConnectorSender(beans.getBeanProvider(ConnectorDeliveries.class), PROPERTIES);
	}

	private static Claimed claimed(String payload) {
		return new Claimed(11, 2, "call:2", "msg_1", "crm.call.event", payload, null, 5, 3, "https://crm.example",
				EndpointMethod.POST, false, EndpointKind.CONNECTOR);
	}

}
