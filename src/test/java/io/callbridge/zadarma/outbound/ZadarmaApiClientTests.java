package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import io.callbridge.zadarma.SimulatedPbx.StatisticRow;
import io.callbridge.zadarma.ZadarmaSimulator;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.callbridge.zadarma.outbound.ZadarmaFixture.KEY;
import static io.callbridge.zadarma.outbound.ZadarmaFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The REST client against the Zadarma simulator on loopback: signed requests accepted,
 * Zadarma's error messages surfaced with the right kind, rate limits kept locally and
 * Zadarma's 429 honoured, timeouts reported as unreachable.
 */
class ZadarmaApiClientTests {

	private ZadarmaSimulator zadarma;

	private ZadarmaApiClient client;

	private ZadarmaAccess access;

	@BeforeEach
	void start() {
		this.zadarma = ZadarmaSimulator.start(KEY, SECRET);
		this.client = ZadarmaFixture.apiClient(ZadarmaFixture.anyProperties(this.zadarma.baseUrl()),
				this.zadarma.clock());
		this.access = ZadarmaFixture.access(this.zadarma.baseUrl(), SECRET);
	}

	@AfterEach
	void stop() {
		this.zadarma.close();
	}

	@Test
	void readsTheBalanceWithItsCurrency() {
		this.zadarma.pbx().balance("10.34", "USD");

		assertThat(this.client.balance(this.access)).hasToString("10.34 USD");
		assertThat(this.zadarma.requests()).singleElement()
			.satisfies((r) -> assertThat(r.params()).containsEntry("format", "json"));
	}

	@Test
	void wrongSecretIsRejectedWithZadarmasNotAuthorized() {
		ZadarmaApiException ex = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.balance(ZadarmaFixture.access(this.zadarma.baseUrl(), "wrong-secret")));

		assertThat(ex.kind()).isEqualTo(Kind.CREDENTIALS_REJECTED);
		assertThat(ex.httpStatus()).isEqualTo(401);
		assertThat(ex.zadarmaMessage()).isEqualTo("Not authorized");
		assertThat(ex.getMessage()).contains("Not authorized").doesNotContain("wrong-secret");
	}

	@Test
	void surfacesZadarmasOwnErrorMessage() {
		this.zadarma.failNext("/v1/pbx/internal/", 400, "PBX is not connected");

		ZadarmaApiException refused = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.internalNumbers(this.access));
		ZadarmaApiException badNumber = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.callback(this.access, "100", "12", "100"));

		assertThat(refused.kind()).isEqualTo(Kind.REFUSED);
		assertThat(refused.getMessage())
			.isEqualTo("Zadarma refused /v1/pbx/internal/ (HTTP 400): PBX is not connected");
		assertThat(badNumber.zadarmaMessage()).isEqualTo("Check phone's number");
	}

	@Test
	void serverErrorsAreUnreachable() {
		this.zadarma.failNext("/v1/info/balance/", 503, "Service temporarily unavailable");

		ZadarmaApiException ex = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.balance(this.access));

		assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(ex.getMessage()).contains("HTTP 503").contains("Service temporarily unavailable");
	}

	@Test
	void readsNumbersSentAsJsonNumbers() {
		ZadarmaApiClient.CallbackAccepted accepted = this.client.callback(this.access, "100", "442037691881", "100");
		ZadarmaApiClient.InternalNumbers pbx = this.client.internalNumbers(this.access);

		assertThat(accepted.from()).isEqualTo("100");
		assertThat(accepted.to()).isEqualTo("442037691881");
		assertThat(accepted.time()).isEqualTo(this.zadarma.clock().instant());
		assertThat(pbx.pbxId()).isEqualTo("12345");
		assertThat(pbx.numbers()).containsExactly("100", "101", "102");
	}

	@Test
	void a429IsReportedWithZadarmasResetTimeAndNothingIsSentUntilThen() {
		this.zadarma.limits(2, 3);
		this.client.balance(this.access);
		this.client.balance(this.access);

		ZadarmaApiException limited = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.balance(this.access));
		ZadarmaApiException held = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.balance(this.access));

		assertThat(limited.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(limited.getMessage()).contains("You exceeded the rate limit").containsPattern("try again in \\d+ s");
		assertThat(held.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(this.zadarma.requests()).hasSize(3);
		assertThat(this.zadarma.count(429)).isEqualTo(1);
		this.zadarma.clock().advance(Duration.ofSeconds(61));
		assertThat(this.client.balance(this.access).currency()).isEqualTo("USD");
	}

	@Test
	void honoursRetryAfterWhenZadarmaSendsIt() {
		this.zadarma.limits(1, 3);
		this.zadarma.sendRetryAfter(true);
		this.client.balance(this.access);
		this.zadarma.clock().advance(Duration.ofSeconds(20));

		ZadarmaApiException limited = catchThrowableOfType(ZadarmaApiException.class,
				() -> this.client.balance(this.access));

		assertThat(limited.getMessage()).contains("try again in 40 s");
	}

	@Test
	void localLimiterKeepsThreeStatisticsRequestsAMinuteSoZadarmaNeverAnswers429() {
		Instant start = this.zadarma.clock().instant();
		for (int day = 1; day <= 7; day++) {
			Instant from = Instant.parse("2024-01-0" + day + "T00:00:00Z");
			this.client.pbxStatistics(this.access, from, from.plus(Duration.ofDays(1)));
		}

		assertThat(this.zadarma.count("/v1/statistics/pbx/", 200)).isEqualTo(7);
		assertThat(this.zadarma.count(429)).isZero();
		// 1 at once, then 3 every 61 s: the 7th request leaves 2 minutes later at the
		// earliest.
		assertThat(Duration.between(start, this.zadarma.clock().instant()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(120));
	}

	@Test
	void statisticsBeyondTheLongestWaitFailAtOnceWithoutReachingZadarma() {
		ZadarmaApiClient impatient = ZadarmaFixture.apiClient(
				ZadarmaFixture.properties(this.zadarma.baseUrl(), Duration.ofSeconds(5), Duration.ofSeconds(5), false),
				this.zadarma.clock());
		Instant from = Instant.parse("2024-01-01T00:00:00Z");
		impatient.pbxStatistics(this.access, from, from.plusSeconds(3600));

		ZadarmaApiException ex = catchThrowableOfType(ZadarmaApiException.class,
				() -> impatient.pbxStatistics(this.access, from, from.plusSeconds(3600)));

		assertThat(ex.kind()).isEqualTo(Kind.RATE_LIMITED);
		assertThat(ex.getMessage()).contains("3 statistics requests a minute").containsPattern("try again in \\d+ s");
		assertThat(this.zadarma.requests()).hasSize(1);
	}

	@Test
	void aSlowAnswerIsUnreachable() {
		this.zadarma.delay(Duration.ofSeconds(2));
		ZadarmaApiClient hasty = ZadarmaFixture.apiClient(
				ZadarmaFixture.properties(this.zadarma.baseUrl(), Duration.ofMillis(200), Duration.ofSeconds(5), false),
				this.zadarma.clock());

		ZadarmaApiException ex = catchThrowableOfType(ZadarmaApiException.class, () -> hasty.balance(this.access));

		assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(ex.getMessage()).contains("did not answer GET /v1/info/balance/ in time");
	}

	@Test
	void aClosedPortIsUnreachable() {
		ZadarmaAccess nowhere = ZadarmaFixture.access(URI.create("http://127.0.0.1:1"), SECRET);

		ZadarmaApiException ex = catchThrowableOfType(ZadarmaApiException.class, () -> this.client.balance(nowhere));

		assertThat(ex.kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(ex.getMessage()).startsWith("Zadarma could not be reached");
	}

	@Test
	void setsTheWebhookUrlAndSwitchesByFormPost() {
		this.zadarma.pbx().verifyWebhookEcho(false);

		this.client.setCallInfoUrl(this.access, URI.create("https://crm.example/webhooks/zadarma/t?x=a%20b*"));
		this.client.setNotifications(this.access, Map.of("notify_start", true, "notify_end", false));

		assertThat(this.zadarma.pbx().callInfoUrl()).isEqualTo("https://crm.example/webhooks/zadarma/t?x=a%20b*");
		assertThat(this.zadarma.pbx().notifications()).containsEntry("notify_start", true)
			.containsEntry("notify_end", false);
		assertThat(this.client.callInfo(this.access).notifications()).containsEntry("notify_start", true);
		assertThat(this.zadarma.requests()).extracting((r) -> r.method()).containsExactly("POST", "POST", "GET");
	}

	@Test
	void readsStatisticsRowsInTheAccountsTimeZone() {
		this.zadarma.pbx()
			.addCall(new StatisticRow("1439981389.2702773", "100", LocalDateTime.of(2024, 1, 10, 10, 0), "34612345678",
					"100", "answered", 42, true, "in_abc"));
		ZadarmaAccess madrid = new ZadarmaAccess(this.zadarma.baseUrl(), KEY, SECRET, ZoneId.of("Europe/Madrid"));

		var rows = this.client.pbxStatistics(madrid, Instant.parse("2024-01-10T00:00:00Z"),
				Instant.parse("2024-01-11T00:00:00Z"));

		assertThat(rows).singleElement().satisfies((row) -> {
			assertThat(row.callStart()).isEqualTo(Instant.parse("2024-01-10T09:00:00Z"));
			assertThat(row.callId()).isEqualTo("1439981389.2702773");
			assertThat(row.recorded()).isTrue();
			assertThat(row.seconds()).isEqualTo(42);
		});
	}

}
