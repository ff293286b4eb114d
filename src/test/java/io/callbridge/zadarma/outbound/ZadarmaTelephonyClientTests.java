package io.callbridge.zadarma.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.telephony.AccountCheck;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.CredentialsVerdict;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.RecordingLookup;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.SimulatedPbx;
import io.callbridge.zadarma.SimulatedPbx.StatisticRow;
import io.callbridge.zadarma.WebhookCatcher;
import io.callbridge.zadarma.ZadarmaSimulator;
import io.callbridge.zadarma.ZadarmaWebhookSender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.callbridge.zadarma.outbound.ZadarmaFixture.KEY;
import static io.callbridge.zadarma.outbound.ZadarmaFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The Zadarma adapter behind the provider port, against the simulator on loopback:
 * click-to-call, extensions, recordings, statistics paging and windows, account checks,
 * webhook registration, and the per-account base URL guard.
 */
class ZadarmaTelephonyClientTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private ZadarmaSimulator zadarma;

	private WebhookCatcher webhook;

	private ZadarmaTelephonyClient client;

	private TelephonyAccount account;

	@BeforeEach
	void start() {
		this.zadarma = ZadarmaSimulator.start(KEY, SECRET, SimulatedClock.startingNow(), MADRID);
		this.webhook = WebhookCatcher.start();
		this.client = ZadarmaFixture.telephonyClient(ZadarmaFixture.anyProperties(this.zadarma.baseUrl()),
				this.zadarma.clock());
		this.account = ZadarmaFixture.anyAccount(Map.of("timeZone", "Europe/Madrid"));
	}

	@AfterEach
	void stop() {
		this.zadarma.close();
		this.webhook.close();
	}

	@Test
	void describesItselfAsTheZadarmaProvider() {
		assertThat(this.client.key()).isEqualTo("zadarma");
		assertThat(this.client.displayName()).isEqualTo("Zadarma");
		assertThat(this.client.credentialFields()).containsExactly("key", "secret");
		assertThat(this.client.simulated()).isFalse();
		assertThat(this.client.reconcileEvery()).isEqualTo(Duration.ofMinutes(20));
	}

	@Test
	void originateRingsTheAgentsExtensionFirstAndTheCallArrivesAsSignedNotifications() {
		this.zadarma.pbx().webhook(this.webhook.url().toString());

		OriginateResult result = this.client.originate(this.account, ZadarmaFixture.credentials(SECRET),
				new OriginateRequest("100", "+34 612 345 678", null));
		this.zadarma.awaitWebhooks(Duration.ofSeconds(5));

		assertThat(result).isEqualTo(new OriginateResult.Accepted(null));
		assertThat(this.zadarma.requests()).singleElement()
			.satisfies((r) -> assertThat(r.params()).containsEntry("from", "100")
				.containsEntry("to", "34612345678")
				.containsEntry("sip", "100"));
		assertThat(this.webhook.events()).containsExactly("NOTIFY_OUT_START", "NOTIFY_ANSWER", "NOTIFY_OUT_END");
		ZadarmaWebhookSender signer = new ZadarmaWebhookSender("unused", SECRET);
		assertThat(this.webhook.caught()).allSatisfy((c) -> {
			assertThat(c.signature()).isEqualTo(signer.signature(c.fields()));
			assertThat(c.fields()).containsEntry("internal", "100").containsEntry("destination", "34612345678");
		});
	}

	@Test
	void originateCallsFromTheRequestedCallerIdWhenGiven() {
		this.client.originate(this.account, ZadarmaFixture.credentials(SECRET),
				new OriginateRequest("100", "+34612345678", "101"));

		assertThat(this.zadarma.requests().get(0).params()).containsEntry("from", "100").containsEntry("sip", "101");
	}

	@Test
	void originateRefusedByZadarmaCarriesItsMessage() {
		OriginateResult badNumber = this.client.originate(this.account, ZadarmaFixture.credentials(SECRET),
				new OriginateRequest("100", "12", null));
		OriginateResult wrongSecret = this.client.originate(this.account, ZadarmaFixture.credentials("wrong"),
				new OriginateRequest("100", "+34612345678", null));

		assertThat(badNumber).isEqualTo(new OriginateResult.Refused("Check phone's number"));
		assertThat(wrongSecret).isInstanceOfSatisfying(OriginateResult.Refused.class,
				(refused) -> assertThat(refused.reason()).contains("Not authorized"));
	}

	@Test
	void listsThePbxExtensionsAsEndpoints() {
		this.zadarma.pbx().pbx("4242", "100", "101", "205");

		List<ProviderEndpoint> endpoints = this.client.listEndpoints(this.account, ZadarmaFixture.credentials(SECRET));

		assertThat(endpoints).containsExactly(new ProviderEndpoint("100", "PBX 4242"),
				new ProviderEndpoint("101", "PBX 4242"), new ProviderEndpoint("205", "PBX 4242"));
	}

	@Test
	void findsARecordingThatCanBeDownloadedUntilZadarmaSays() {
		this.zadarma.pbx().addRecording("1458313316.343456", "in_rec");

		RecordingLookup lookup = this.client.findRecording(this.account, ZadarmaFixture.credentials(SECRET),
				"1458313316.343456");

		assertThat(lookup).isInstanceOfSatisfying(RecordingLookup.Found.class, (found) -> {
			assertThat(found.expiresAt())
				.isEqualTo(this.zadarma.clock().instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS));
			assertThat(download(found.link()).headers().firstValue("Content-Type")).hasValue("audio/mpeg");
		});
		assertThat(this.zadarma.requests().get(0).params()).containsEntry("lifetime", "1800");
	}

	@Test
	void aRecordingZadarmaDoesNotHaveYetIsNotReady() {
		RecordingLookup lookup = this.client.findRecording(this.account, ZadarmaFixture.credentials(SECRET),
				"1458313316.999999");

		assertThat(lookup).isEqualTo(new RecordingLookup.NotReady("Record not found"));
	}

	@Test
	void aRecordingZadarmaRefusesForAnotherReasonIsMissing() {
		this.zadarma.failNext("/v1/pbx/record/request/", 400, "Call recording is disabled");

		RecordingLookup lookup = this.client.findRecording(this.account, ZadarmaFixture.credentials(SECRET), "1.2");

		assertThat(lookup).isEqualTo(new RecordingLookup.Missing("Call recording is disabled"));
	}

	@Test
	void aRecordingLookupThatCannotReachZadarmaIsAProviderFailure() {
		this.zadarma.failNext("/v1/pbx/record/request/", 502, "Bad gateway");

		Problems.ProviderFailure failure = catchThrowableOfType(Problems.ProviderFailure.class,
				() -> this.client.findRecording(this.account, ZadarmaFixture.credentials(SECRET), "1.2"));

		assertThat(failure.getMessage()).contains("HTTP 502").contains("Bad gateway");
	}

	@Test
	void aTimeZoneStoredBeforeSettingsWereCheckedReadsAsTheTenantsAndTheLookupStillWorks() {
		// Saved before settings were checked: the account form shows it to the admin.
		TelephonyAccount legacy = ZadarmaFixture.anyAccount(Map.of("timeZone", "Mars/Olympus"));
		this.zadarma.pbx().addRecording("1458313316.343456", "in_rec");

		RecordingLookup lookup = this.client.findRecording(legacy, ZadarmaFixture.credentials(SECRET),
				"1458313316.343456");

		assertThat(lookup).isInstanceOf(RecordingLookup.Found.class);
	}

	@Test
	void callsBetweenPagesThroughMoreThanAThousandRowsWithoutA429() {
		LocalDateTime start = LocalDateTime.of(2024, 1, 10, 0, 0);
		for (int i = 0; i < 2500; i++) {
			this.zadarma.pbx()
				.addCall(new StatisticRow("1." + i, "100", start.plusSeconds(i * 30L), "34612345678", "100", "answered",
						10, false, "in_" + i));
		}

		List<HistoricCall> calls = this.client.callsBetween(this.account, ZadarmaFixture.credentials(SECRET),
				at(2024, 1, 10), at(2024, 1, 11));

		assertThat(calls).hasSize(2500).extracting(HistoricCall::providerCallId).doesNotHaveDuplicates();
		assertThat(this.zadarma.requests()).extracting((r) -> r.params().get("skip"))
			.containsExactly("0", "1000", "2000");
		assertThat(this.zadarma.requests()).allSatisfy((r) -> assertThat(r.params()).containsEntry("limit", "1000")
			.containsEntry("version", "2")
			.containsEntry("start", "2024-01-10 00:00:00")
			.containsEntry("end", "2024-01-10 23:59:59"));
		assertThat(this.zadarma.count(429)).isZero();
	}

	@Test
	void callsBetweenSplitsThreeMonthsIntoWindowsZadarmaDoesNotCut() {
		List<LocalDateTime> starts = List.of(LocalDateTime.of(2024, 1, 1, 0, 0),
				LocalDateTime.of(2024, 1, 31, 23, 59, 59), LocalDateTime.of(2024, 2, 29, 12, 0),
				LocalDateTime.of(2024, 3, 31, 23, 59, 59), LocalDateTime.of(2024, 4, 1, 0, 0));
		for (int i = 0; i < starts.size(); i++) {
			this.zadarma.pbx()
				.addCall(new StatisticRow("1." + i, "100", starts.get(i), "100", "34612345678", "answered", 10, false,
						"out_" + i));
		}

		List<HistoricCall> calls = this.client.callsBetween(this.account, ZadarmaFixture.credentials(SECRET),
				at(2024, 1, 1), at(2024, 4, 1));

		assertThat(calls).extracting(HistoricCall::providerCallId)
			.containsExactlyInAnyOrder("out_0", "out_1", "out_2", "out_3");
		List<Map<String, String>> windows = this.zadarma.requests().stream().map((r) -> r.params()).toList();
		assertThat(windows).hasSizeGreaterThanOrEqualTo(3).allSatisfy((w) -> {
			LocalDateTime from = LocalDateTime.parse(w.get("start"), SimulatedPbx.DATE_TIME);
			LocalDateTime to = LocalDateTime.parse(w.get("end"), SimulatedPbx.DATE_TIME);
			assertThat(to).isBefore(from.plusDays(30)).isBefore(from.plusMonths(1));
		});
		assertThat(windows.get(0).get("start")).isEqualTo("2024-01-01 00:00:00");
		assertThat(windows.get(windows.size() - 1).get("end")).isEqualTo("2024-03-31 23:59:59");
		assertThat(this.zadarma.pbx().clampedStatisticsRequests()).isZero();
		assertThat(this.zadarma.count(429)).isZero();
	}

	@Test
	void callsBetweenReturnsPlayedCallsUnderTheIdsTheirWebhooksCarried() {
		this.zadarma.pbx().webhook(this.webhook.url().toString());
		this.zadarma.calls().recordCalls(true);
		Instant before = this.zadarma.clock().instant();
		String answered = this.zadarma.calls().playTransferredInbound("34612345678", "34910000000", "100", "101", 75);
		String missed = this.zadarma.calls().playMissedInbound("34699887766", "34910000000", "cancel", "100", "101");

		List<HistoricCall> calls = this.client.callsBetween(this.account, ZadarmaFixture.credentials(SECRET), before,
				before.plusSeconds(60));

		assertThat(calls).filteredOn((c) -> c.providerCallId().equals(answered)).singleElement().satisfies((c) -> {
			assertThat(c.result()).isEqualTo(CallResult.ANSWERED);
			assertThat(c.extension()).isEqualTo("101");
			assertThat(c.talkSeconds()).isEqualTo(75);
			assertThat(c.recordingRef()).isNotNull();
			assertThat(c.startedAt()).isEqualTo(before);
		});
		assertThat(calls).filteredOn((c) -> c.providerCallId().equals(missed))
			.singleElement()
			.satisfies((c) -> assertThat(c.result()).isEqualTo(CallResult.MISSED));
	}

	@Test
	void checkReportsCredentialsBalanceWebhookAndExtensions() {
		this.zadarma.pbx().balance("10.34", "USD");

		List<AccountCheck> checks = this.client.check(this.account, ZadarmaFixture.credentials(SECRET),
				this.webhook.url());

		assertThat(checks).extracting(AccountCheck::code)
			.containsExactly("credentials", "balance", "webhook", "extensions");
		assertThat(checks).extracting(AccountCheck::passed).containsExactly(true, true, false, true);
		assertThat(checks.get(1).detail()).isEqualTo("10.34 USD");
		assertThat(checks.get(2).detail()).contains("no call-notification URL").contains(this.webhook.url().toString());
		assertThat(checks.get(3).detail()).isEqualTo("3 extensions on PBX 12345: 100, 101, 102.");
	}

	@Test
	void registerWebhookSetsTheUrlAndSwitchesEveryNotificationOn() {
		String summary = this.client
			.registerWebhook(this.account, ZadarmaFixture.credentials(SECRET), this.webhook.url())
			.english();
		List<AccountCheck> checks = this.client.check(this.account, ZadarmaFixture.credentials(SECRET),
				this.webhook.url());

		assertThat(this.zadarma.pbx().callInfoUrl()).isEqualTo(this.webhook.url().toString());
		assertThat(this.zadarma.pbx().notifications())
			.containsOnlyKeys("notify_start", "notify_internal", "notify_end", "notify_out_start", "notify_out_end",
					"notify_answer")
			.allSatisfy((name, on) -> assertThat(on).as(name).isTrue());
		assertThat(summary).startsWith("Zadarma sends call notifications to " + this.webhook.url())
			.contains("all 6 call notifications are on");
		assertThat(checks.get(2).passed()).isTrue();
	}

	@Test
	void registerWebhookReportsZadarmasRefusal() {
		Problems.ProviderFailure failure = catchThrowableOfType(Problems.ProviderFailure.class,
				() -> this.client.registerWebhook(this.account, ZadarmaFixture.credentials(SECRET),
						URI.create("http://127.0.0.1:1/webhooks/zadarma/x")));

		assertThat(failure.getMessage()).contains("zd_echo");
		assertThat(this.zadarma.pbx().callInfoUrl()).isEmpty();
	}

	@Test
	void checkWithRejectedCredentialsStopsThereWithZadarmasMessage() {
		List<AccountCheck> checks = this.client.check(this.account, ZadarmaFixture.credentials("wrong"),
				this.webhook.url());

		assertThat(checks).extracting(AccountCheck::passed).containsOnly(false);
		assertThat(checks.get(0).detail()).contains("Not authorized");
		assertThat(checks.subList(1, 4)).allSatisfy((c) -> assertThat(c.detail()).startsWith("Not checked"));
		assertThat(this.zadarma.requests()).hasSize(1);
	}

	@Test
	void aCheckZadarmaRateLimitsSaysSoAndDoesNotBlameTheKeyAndSecret() {
		this.zadarma.failNext("/v1/info/balance/", 429, "You exceeded the rate limit");

		List<AccountCheck> checks = this.client.check(this.account, ZadarmaFixture.credentials(SECRET),
				this.webhook.url());

		assertThat(checks).extracting(AccountCheck::passed).containsOnly(false);
		assertThat(checks.get(0).detail()).contains("rate limit was reached").contains("try again in");
		assertThat(checks.subList(1, 4)).allSatisfy((c) -> assertThat(c.detail()).startsWith("Not checked")
			.contains("rate limit")
			.contains("were not refused")
			.doesNotContain("did not accept"));
	}

	@Test
	void aCheckThatCannotReachZadarmaSaysSo() {
		this.zadarma.failNext("/v1/info/balance/", 500, "Internal error");

		List<AccountCheck> checks = this.client.check(this.account, ZadarmaFixture.credentials(SECRET),
				this.webhook.url());

		assertThat(checks.subList(1, 4)).allSatisfy(
				(c) -> assertThat(c.detail()).contains("could not be reached").doesNotContain("did not accept"));
	}

	@Test
	void verifyCredentialsShowsZadarmasVerdict() {
		assertThat(this.client.verifyCredentials(this.account, ZadarmaFixture.credentials(SECRET)))
			.isEqualTo(new CredentialsVerdict.Accepted());
		assertThat(this.client.verifyCredentials(this.account, ZadarmaFixture.credentials("wrong")))
			.isEqualTo(new CredentialsVerdict.Rejected("Not authorized"));
		assertThat(this.client.verifyCredentials(this.account, new Credentials(Map.of())))
			.isInstanceOf(CredentialsVerdict.Rejected.class);
		this.zadarma.failNext("/v1/info/balance/", 500, "Internal error");
		assertThat(this.client.verifyCredentials(this.account, ZadarmaFixture.credentials(SECRET)))
			.isInstanceOfSatisfying(CredentialsVerdict.Unreachable.class,
					(v) -> assertThat(v.message()).contains("Internal error"));
	}

	@Test
	void anAccountsBaseUrlIsIgnoredUnlessAllowed() {
		TelephonyAccount elsewhere = ZadarmaFixture.anyAccount(Map.of("baseUrl", "http://127.0.0.1:1"));
		ZadarmaTelephonyClient allowing = ZadarmaFixture.telephonyClient(ZadarmaFixture
			.properties(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(5), Duration.ofSeconds(65), true),
				this.zadarma.clock());
		TelephonyAccount simulated = ZadarmaFixture.anyAccount(Map.of("baseUrl", this.zadarma.baseUrl().toString()));

		assertThat(this.client.verifyCredentials(elsewhere, ZadarmaFixture.credentials(SECRET)))
			.isEqualTo(new CredentialsVerdict.Accepted());
		assertThat(allowing.verifyCredentials(simulated, ZadarmaFixture.credentials(SECRET)))
			.isEqualTo(new CredentialsVerdict.Accepted());
		assertThat(allowing.verifyCredentials(elsewhere, ZadarmaFixture.credentials(SECRET)))
			.isInstanceOf(CredentialsVerdict.Unreachable.class);
		// An unusable host stored before settings were checked falls back to the
		// configured one (here unreachable), never to what it names.
		assertThat(allowing.verifyCredentials(ZadarmaFixture.anyAccount(Map.of("baseUrl", "file:///etc/passwd")),
				ZadarmaFixture.credentials(SECRET)))
			.isInstanceOf(CredentialsVerdict.Unreachable.class);
	}

	@Test
	void callDirectionsFollowTheCallIdPrefix() {
		this.zadarma.pbx()
			.addCall(new StatisticRow("1.1", "100", LocalDateTime.of(2024, 5, 5, 10, 0), "100", "34612345678",
					"answered", 5, false, "out_x"));

		assertThat(this.client.callsBetween(this.account, ZadarmaFixture.credentials(SECRET), at(2024, 5, 5),
				at(2024, 5, 6)))
			.singleElement()
			.satisfies((c) -> {
				assertThat(c.direction()).isEqualTo(CallDirection.OUTBOUND);
				assertThat(c.startedAt()).isEqualTo(Instant.parse("2024-05-05T08:00:00Z"));
			});
	}

	private static Instant at(int year, int month, int day) {
		return ZonedDateTime.of(year, month, day, 0, 0, 0, 0, MADRID).toInstant();
	}

	private static HttpResponse<byte[]> download(URI link) {
		try (HttpClient http = HttpClient.newHttpClient()) {
			HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(link).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isNotEmpty();
			return response;
		}
		catch (IOException | InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
