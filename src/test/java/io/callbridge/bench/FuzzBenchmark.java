package io.callbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.callbridge.shared.Role;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the whole application over real HTTP with a fixed seed: about 4,000 Zadarma
 * webhooks ({@link ZadarmaFuzzer}), 3,000 UIS notifications ({@link UisFuzzer}), 9,000
 * API requests generated from the OpenAPI document ({@link ApiFuzzer}), as an admin (and
 * sometimes as an agent, with a bad token or none), 3,000 to the OMniLeads-compatible API
 * ({@link OmlFuzzer}), and 3,000 requests to the UI's pages as a logged-in admin
 * ({@link PageFuzzer}). It counts the answers 5xx (and dropped connections), the ERROR
 * events logged, the webhook events left unapplied in the ingestion inbox, and the
 * Zadarma webhooks answered 2xx with a valid signature whose event is not stored; each
 * must be zero. CallMyWay and the sandbox receive no webhooks (CallMyWay is polled, the
 * sandbox PBX runs in-process): their accounts exist and are reached through the API.
 */
@Benchmark
class FuzzBenchmark {

	private static final String SECRET = "zd-fuzz-secret";

	private static final ZoneId ZONE = ZoneId.of("Europe/Madrid");

	private static final String UIS_SECRET = "uis-fuzz-secret";

	private static final ZoneId UIS_ZONE = ZoneId.of("Europe/Moscow");

	/** How long the webhooks' events are given to be applied after the last answer. */
	private static final Duration DRAIN = Duration.ofSeconds(120);

	private final long seed = Long.getLong("fuzz.seed", 20_261_202L);

	private final int pageRequests = Integer.getInteger("fuzz.page-requests", 3_000);

	private final int uisRequests = Integer.getInteger("fuzz.uis-requests", 3_000);

	private final int omlRequests = Integer.getInteger("fuzz.oml-requests", 3_000);

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping handlerMapping;

	private final int apiRequests = Integer.getInteger("fuzz.api-requests", 9_000);

	private final int webhookRequests = Integer.getInteger("fuzz.webhook-requests", 4_000);

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	JdbcClient jdbc;

	private long tenantId;

	private volatile TestUser admin;

	private int adminsRecreated;

	private TelephonyAccount zadarma;

	private TelephonyAccount uis;

	private FuzzHttp http;

	@Test
	@Timeout(value = 60, unit = TimeUnit.MINUTES)
	void generatedRequestsGetNo5xxLogNoErrorAndLoseNoWebhook() throws IOException {
		setUp();
		FuzzValues values = new FuzzValues(new Random(this.seed));
		LogCounter log = LogCounter.attach();
		try {
			Phases phases = new Phases(log);
			FuzzTally webhooks = new FuzzTally("Zadarma webhook", FuzzTally.NONE);
			ZadarmaFuzzer zadarmaFuzzer = new ZadarmaFuzzer(values, this.http, this.zadarma.webhookToken(), SECRET,
					ZONE);
			zadarmaFuzzer.run(this.webhookRequests, webhooks, log);
			phases.ended(webhooks, "");
			FuzzTally uis = new FuzzTally("UIS webhook", FuzzTally.NONE);
			UisFuzzer uisFuzzer = new UisFuzzer(values, this.http, this.uis.webhookToken(), UIS_SECRET, UIS_ZONE);
			uisFuzzer.run(this.uisRequests, uis, log);
			List<String> unapplied = awaitApplied();
			Misses misses = new Misses(zadarmaFuzzer.expected(),
					zadarmaFuzzer.expected().missing(this.jdbc, this.zadarma.id()), uisFuzzer.expected(),
					uisFuzzer.expected().missing(this.jdbc, this.uis.id()));
			phases.ended(uis, " (and both providers' drain)");

			FuzzTally api = new FuzzTally("API", FuzzTally.PROVIDER_UNREACHABLE);
			TestUser agent = this.data.anyUser(this.tenantId, Role.AGENT);
			JsonNode docs = JsonMapper.shared().readTree(this.http.send("GET", "/v3/api-docs", Map.of(), null).body());
			ApiFuzzer apiFuzzer = new ApiFuzzer(docs, values, this.http, () -> this.admin.token(), agent.token());
			List<ApiFuzzer.Operation> operations = apiFuzzer.operations();
			apiFuzzer.collectIds(operations, Set.of(String.valueOf(this.admin.id()), String.valueOf(agent.id())));
			apiFuzzer.run(operations, this.apiRequests, api, log, this::keepAnAdmin);
			phases.ended(api, " (" + operations.size() + " operations)");

			FuzzTally oml = new FuzzTally("OMniLeads API", FuzzTally.OMNILEADS_500);
			TestUser omlAdmin = this.data.anyUser(this.tenantId, Role.ADMIN);
			List<OmlFuzzer.Endpoint> endpoints = OmlFuzzer.endpoints(this.handlerMapping);
			String omlToken = omlLogin(omlAdmin);
			new OmlFuzzer(values, this.http, omlAdmin.organisation(), () -> omlToken, omlLogin(agent),
					PageFuzzer.ids(apiFuzzer.ids()))
				.run(endpoints, this.omlRequests, oml, log);
			phases.ended(oml, " (" + endpoints.size() + " endpoints)");

			FuzzTally pages = new FuzzTally("page", FuzzTally.NONE);
			List<PageFuzzer.Page> mappings = PageFuzzer.pages(this.handlerMapping);
			PageFuzzer pageFuzzer = new PageFuzzer(values, this::newAdminSession, PageFuzzer.ids(apiFuzzer.ids()));
			pageFuzzer.run(mappings, this.pageRequests, pages, log);
			phases.ended(pages, " (" + mappings.size() + " page mappings)");
			log.detach();
			report(phases, misses, unapplied, log, pageFuzzer.sessionsOpened());
			assertThat(phases.faults()).as("5xx answers and dropped connections").isZero();
			assertThat(log.errors()).as("ERROR events logged").isZero();
			assertThat(log.unstorable()).as("text the database refused for a character it cannot store").isZero();
			assertThat(unapplied).as("webhook events whose application failed").isEmpty();
			assertThat(misses.zadarma()).as("Zadarma webhooks answered 2xx but not stored").isEmpty();
			assertThat(misses.uis()).as("UIS notifications answered 2xx but not stored").isEmpty();
		}
		finally {
			log.detach();
		}
	}

	private void setUp() {
		this.http = new FuzzHttp(this.port);
		this.tenantId = this.data.anyTenant();
		this.admin = this.data.anyUser(this.tenantId, Role.ADMIN);
		this.data.sandboxAccount(this.tenantId);
		// Outbound calls of the provider clients go to a closed port on loopback, never
		// to
		// the real providers.
		this.zadarma = this.accounts.create(this.tenantId, "zadarma", "Zadarma fuzz", true,
				Map.of("timeZone", ZONE.getId(), "baseUrl", "http://127.0.0.1:9"),
				new Credentials(Map.of("key", "zd-fuzz-key", "secret", SECRET)));
		this.uis = this.accounts.create(this.tenantId, "uis", "UIS fuzz", true,
				Map.of("timeZone", UIS_ZONE.getId(), "callApiUrl", "http://127.0.0.1:9", "dataApiUrl",
						"http://127.0.0.1:9"),
				new Credentials(Map.of("accessToken", "uis-fuzz-token", "notificationSecret", UIS_SECRET)));
		this.accounts.create(this.tenantId, "callmyway", "CallMyWay fuzz", false,
				Map.of("baseUrl", "http://127.0.0.1:9"),
				new Credentials(Map.of("username", "fuzz", "password", "fuzz-password")));
		for (int i = 0; i < 5; i++) {
			this.data.anyContact(this.tenantId, "Fuzz contact " + i, "+3460000100" + i);
		}
	}

	private UiSession newAdminSession() {
		TestUser user = this.data.anyUser(this.tenantId, Role.ADMIN);
		return UiSession.logIn(this.port, user.username(), user.password());
	}

	/** The phases run so far: what each counted, its ERROR lines and its time. */
	private static final class Phases {

		private final LogCounter log;

		private final List<Phase> ended = new ArrayList<>();

		private long errorsBefore;

		private long startedAt = System.nanoTime();

		Phases(LogCounter log) {
			this.log = log;
		}

		void ended(FuzzTally tally, String detail) {
			long now = System.nanoTime();
			long errors = this.log.errors();
			this.ended.add(new Phase(tally, detail, errors - this.errorsBefore, now - this.startedAt));
			this.errorsBefore = errors;
			this.startedAt = now;
		}

		long faults() {
			return this.ended.stream().mapToLong((p) -> p.tally().serverError() + p.tally().transportFailures()).sum();
		}

	}

	private record Phase(FuzzTally tally, String detail, long errors, long nanos) {
	}

	// A fuzzed request may revoke the admin's token or take its role: then the run goes
	// on as a new admin (counted), so that the rest of the requests still reach the
	// operations.
	// The token OMniLeads' login gives the user, as a CRM gets it.
	private String omlLogin(TestUser user) {
		FuzzHttp.Answer answer = this.http.send("POST", "/omnileads/" + user.organisation() + "/api/v1/login",
				Map.of("Content-Type", "application/json"), JsonMapper.shared()
					.writeValueAsBytes(Map.of("username", user.username(), "password", user.password())));
		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		return JsonMapper.shared().readTree(answer.body()).path("token").asString();
	}

	private void keepAnAdmin() {
		FuzzHttp.Answer answer = this.http.send("GET", "/api/v1/contacts",
				Map.of("Authorization", "Bearer " + this.admin.token()), null);
		if (answer.status() == 401 || answer.status() == 403) {
			this.admin = this.data.anyUser(this.tenantId, Role.ADMIN);
			this.adminsRecreated++;
		}
	}

	/**
	 * Waits until the Zadarma account's events have left the ingestion inbox (a webhook
	 * is answered once its event is stored there, and applied to its call after), at most
	 * {@link #DRAIN}; an event whose application failed stays there with its error.
	 * @return the events still there, with their attempts and error
	 */
	private List<String> awaitApplied() {
		long deadline = System.nanoTime() + DRAIN.toNanos();
		while (true) {
			List<String> left = this.jdbc
				.sql("SELECT id, attempts, last_error FROM call_event_inbox WHERE account_id IN (?, ?) ORDER BY id")
				.params(this.zadarma.id(), this.uis.id())
				.query((row, n) -> "inbox " + row.getLong("id") + ", " + row.getInt("attempts") + " attempt(s): "
						+ row.getString("last_error"))
				.list();
			if (left.isEmpty() || System.nanoTime() > deadline) {
				return left;
			}
			try {
				Thread.sleep(200);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return left;
			}
		}
	}

	/** The webhooks of each provider answered 2xx, and those of them not stored. */
	private record Misses(StoredAfter2xx zadarmaExpected, List<StoredAfter2xx.Expected> zadarma,
			StoredAfter2xx uisExpected, List<StoredAfter2xx.Expected> uis) {
	}

	private void report(Phases phases, Misses misses, List<String> unapplied, LogCounter log, int pageSessions)
			throws IOException {
		BenchmarkReport report = new BenchmarkReport("fuzz-" + System.getProperty("callbridge.test.database", "h2"),
				"Fuzzing (seed " + this.seed + ")", BenchmarkReport.database());
		report.table("channel", "requests", "2xx", "3xx", "4xx", "5xx (faults)", "5xx by design", "dropped",
				"not sendable", "ERROR lines", "stored-after-2xx misses", "not applied", "time s");
		for (Phase phase : phases.ended) {
			FuzzTally t = phase.tally();
			boolean zadarma = phase == phases.ended.get(0);
			boolean uis = phase == phases.ended.get(1);
			String missed = zadarma ? misses.zadarma().size() + " of " + misses.zadarmaExpected().size()
					: uis ? misses.uis().size() + " of " + misses.uisExpected().size() : "–";
			report.row(t.channel() + phase.detail(), t.sent(), t.success(), t.redirect(), t.clientError(),
					t.serverError(),
					(t.channel().equals("API") || t.channel().equals("OMniLeads API")) ? t.upstream() : "–",
					t.transportFailures(), t.notSent(), phase.errors(), missed,
					zadarma ? unapplied.size() + " (both providers)" : "–", phase.nanos() / 1e9);
		}
		report.line("")
			.line("Statuses: " + phases.ended.stream()
				.map((p) -> p.tally().channel() + " " + p.tally().statuses())
				.collect(Collectors.joining("; ")))
			.line("Text the database refused for a character it cannot store (a way in without the check): "
					+ log.unstorable())
			.line("WARN lines: " + log.warnings() + "; admins re-created after losing access: " + this.adminsRecreated
					+ " (API), " + (pageSessions - 1) + " (pages)");
		for (Phase phase : phases.ended) {
			section(report, "5xx and dropped connections (" + phase.tally().channel() + ")",
					phase.tally().serverErrors());
			if (phase.tally().upstream() > 0) {
				section(report,
						"5xx by design (" + phase.tally().channel()
								+ "; the API's providers point at a closed port, OMniLeads answers some refusals 500)",
						phase.tally().upstreamCauses());
			}
		}
		section(report, "ERROR events by kind", log.errorKinds());
		report.line("").line("## Webhook events not applied after " + DRAIN.toSeconds() + " s").line("");
		unapplied.stream().limit(50).forEach((event) -> report.line("- " + event));
		report.line("").line("## Zadarma webhooks answered 2xx but not stored").line("");
		misses.zadarma()
			.stream()
			.limit(50)
			.forEach((miss) -> report.line("- fuzz_seq " + miss.seq() + ": " + miss.what()));
		report.line("").line("## UIS notifications answered 2xx but not stored").line("");
		misses.uis().stream().limit(50).forEach((miss) -> report.line("- fuzz_seq " + miss.seq() + ": " + miss.what()));
		report.publish();
		Files.writeString(Path.of("target", "fuzz-summary.txt"), report.text());
	}

	private static void section(BenchmarkReport report, String title, Map<String, ?> entries) {
		report.line("").line("## " + title).line("");
		entries.forEach((key, value) -> report.line("- " + key + ": " + value));
	}

}
