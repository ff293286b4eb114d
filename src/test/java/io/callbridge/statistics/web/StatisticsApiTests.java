package io.callbridge.statistics.web;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.statistics.web.DashboardFacts.CallFact;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The statistics API over HTTP on a known data set: the dashboard's figures for a period
 * and filters, in the reader's language; the presets in the tenant's zone; an agent's
 * view of their own calls only; unreadable parameters and other tenants' ids refused
 * naming the parameter; and each part as CSV.
 */
@IntegrationTest
class StatisticsApiTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);

	private static final String PERIOD = "period=custom&from=2025-01-06&to=2025-01-07";

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	DashboardFacts facts;

	private long tenant;

	private long account;

	private TestUser supervisor;

	private TestUser ana;

	private TestUser luis;

	@BeforeEach
	void knownCalls() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.data.sandboxAccount(this.tenant).id();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
		CallFact call = this.facts.anyCall(this.tenant, this.account, MADRID);
		this.facts.save(call.at(MONDAY, 10, 15)
			.ended(CallDirection.INBOUND, CallResult.ANSWERED, 10, 120)
			.by(this.ana.id())
			.costing("zadarma", "0.05", "EUR")
			.disposed("interested", "12.50", "EUR"));
		this.facts.save(call.at(MONDAY, 23, 30)
			.ended(CallDirection.INBOUND, CallResult.MISSED, 20, null)
			.calledBackAfter(1800));
		this.facts.save(call.at(MONDAY.plusDays(1), 9, 0)
			.ended(CallDirection.OUTBOUND, CallResult.ANSWERED, 5, 60)
			.by(this.luis.id()));
		// Outside the period, and another tenant's call on the same day: neither counts.
		this.facts.save(call.at(MONDAY.plusDays(2), 9, 0).by(this.ana.id()));
		long other = this.tenants.anyTenant();
		this.facts.save(this.facts.anyCall(other, this.data.sandboxAccount(other).id(), MADRID).at(MONDAY, 11, 0));
	}

	@Test
	void countsTheCallsOfAPeriodInTheTenantsZone() {
		JsonNode dashboard = this.api.as(this.supervisor.token())
			.get("/api/v1/statistics/dashboard?" + PERIOD)
			.json(200);

		assertThat(dashboard.path("period").asString()).isEqualTo("custom");
		assertThat(dashboard.path("filter").path("from").asString()).isEqualTo("2025-01-06");
		assertThat(dashboard.path("zone").asString()).isEqualTo("Europe/Madrid");
		JsonNode totals = dashboard.path("totals");
		assertThat(totals.path("calls").asLong()).isEqualTo(3);
		assertThat(totals.path("answered").asLong()).isEqualTo(2);
		assertThat(totals.path("missed").asLong()).isEqualTo(1);
		assertThat(totals.path("calledBackWithin1h").asLong()).isEqualTo(1);
		assertThat(totals.path("talkSeconds").asLong()).isEqualTo(180);
		assertThat(dashboard.path("byDay")).hasSize(2);
		assertThat(dashboard.path("byDay").get(0).path("calls").asLong()).isEqualTo(2);
		assertThat(dashboard.path("byDay").get(0).path("byResult").path("MISSED").asLong()).isEqualTo(1);
		assertThat(dashboard.path("byHour")).hasSize(24);
		assertThat(dashboard.path("byHour").get(23).path("calls").asLong()).isEqualTo(1);
		assertThat(dashboard.path("heatmap")).hasSize(168);
		assertThat(dashboard.path("costs").get(0).path("provider").asString()).isEqualTo("zadarma");
		assertThat(names(dashboard.path("agents"), "agentId")).contains(String.valueOf(this.ana.id()),
				String.valueOf(this.luis.id()));
	}

	@Test
	void outcomesAreLabelledInTheReadersLanguage() {
		String path = "/api/v1/statistics/dashboard?" + PERIOD;

		JsonNode english = this.api.as(this.supervisor.token()).get(path).json(200).path("outcomes").get(0);
		JsonNode spanish = this.api.as(this.supervisor.token())
			.speaking("es")
			.get(path)
			.json(200)
			.path("outcomes")
			.get(0);

		assertThat(english.path("code").asString()).isEqualTo("interested");
		assertThat(english.path("label").asString()).isEqualTo("Interested");
		assertThat(spanish.path("label").asString()).isEqualTo("Interesado");
		assertThat(english.path("calls").asLong()).isEqualTo(1);
	}

	@Test
	void filtersByDirectionAgentAndLine() {
		ApiClient.Caller caller = this.api.as(this.supervisor.token());

		assertThat(totalCalls(caller, PERIOD + "&direction=OUTBOUND")).isEqualTo(1);
		assertThat(totalCalls(caller, PERIOD + "&direction=inbound")).isEqualTo(2);
		assertThat(totalCalls(caller, PERIOD + "&agentId=" + this.ana.id())).isEqualTo(1);
		assertThat(totalCalls(caller, PERIOD + "&accountId=" + this.account)).isEqualTo(3);
	}

	@Test
	void presetsEndTodayInTheTenantsZone() {
		LocalDate today = LocalDate.now(MADRID);
		CallFact call = this.facts.anyCall(this.tenant, this.account, MADRID);
		this.facts.save(call.at(today, 0, 5));
		this.facts.save(call.at(today.minusDays(6), 12, 0));
		this.facts.save(call.at(today.minusDays(7), 12, 0));
		ApiClient.Caller caller = this.api.as(this.supervisor.token());

		JsonNode week = caller.get("/api/v1/statistics/dashboard").json(200);

		assertThat(week.path("period").asString()).isEqualTo("7d");
		assertThat(week.path("filter").path("to").asString()).isEqualTo(today.toString());
		assertThat(week.path("byDay")).hasSize(7);
		assertThat(week.path("totals").path("calls").asLong()).isEqualTo(2);
		assertThat(totalCalls(caller, "period=today")).isEqualTo(1);
		assertThat(caller.get("/api/v1/statistics/dashboard?period=30d").json(200).path("byDay")).hasSize(30);
	}

	@Test
	void aCallPlayedThroughTheSandboxCountsOnTodaysDashboard() {
		long fresh = this.tenants.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(fresh, Role.AGENT, "110");
		TestUser boss = this.data.anyUser(fresh, Role.SUPERVISOR);

		this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "699 555 111", "extension", "110", "scenario", "MISSED"))
			.json(201);

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode totals = this.api.as(boss.token())
				.get("/api/v1/statistics/dashboard?period=today")
				.json(200)
				.path("totals");
			assertThat(totals.path("calls").asLong()).isEqualTo(1);
			assertThat(totals.path("missed").asLong()).isEqualTo(1);
		});
	}

	@Test
	void anAgentSeesOnlyTheirOwnCalls() {
		JsonNode own = this.api.as(this.ana.token()).get("/api/v1/statistics/dashboard?" + PERIOD).json(200);

		assertThat(own.path("filter").path("agentId").asLong()).isEqualTo(this.ana.id());
		assertThat(own.path("totals").path("calls").asLong()).isEqualTo(1);
		assertThat(this.api.as(this.ana.token())
			.get("/api/v1/statistics/dashboard?" + PERIOD + "&agentId=" + this.ana.id())
			.json(200)
			.path("totals")
			.path("calls")
			.asLong()).isEqualTo(1);
	}

	@Test
	void anAgentAskingForAnotherAgentsStatisticsIsRefused() {
		this.api.as(this.ana.token())
			.get("/api/v1/statistics/dashboard?agentId=" + this.luis.id())
			.problem(403, "forbidden");
		this.api.as(this.ana.token())
			.get("/api/v1/statistics/agents.csv?agentId=" + this.luis.id())
			.problem(403, "forbidden");
	}

	@Test
	void refusesUnreadableParametersNamingEachOne() {
		ApiClient.Caller caller = this.api.as(this.supervisor.token());

		assertThat(fields(caller.get("/api/v1/statistics/dashboard?period=week"))).containsExactly("period");
		assertThat(fields(caller.get("/api/v1/statistics/dashboard?from=2025-01-07&to=2025-01-06")))
			.containsExactly("to");
		assertThat(fields(caller.get("/api/v1/statistics/dashboard?period=custom&from=2023-01-01&to=2025-01-01")))
			.containsExactly("to");
		assertThat(fields(caller.get("/api/v1/statistics/dashboard?period=custom&from=yesterday")))
			.containsExactly("from", "to");
		assertThat(fields(caller.get("/api/v1/statistics/dashboard?accountId=abc&direction=INTERNAL")))
			.containsExactly("accountId", "direction");
		assertThat(fields(caller.get("/api/v1/statistics/by-day.csv?campaignId=x"))).containsExactly("campaignId");
		assertThat(caller.speaking("es").get("/api/v1/statistics/dashboard?period=week").detail())
			.contains("no es un periodo");
	}

	@Test
	void refusesIdsThatAreNotOfTheTenant() {
		long other = this.tenants.anyTenant();
		TestUser stranger = this.data.anyUser(other, Role.AGENT);
		String path = "/api/v1/statistics/dashboard?accountId=" + this.data.sandboxAccount(other).id() + "&agentId="
				+ stranger.id() + "&campaignId=999999999";

		assertThat(fields(this.api.as(this.supervisor.token()).get(path))).containsExactly("accountId", "agentId",
				"campaignId");
	}

	@Test
	void needsAToken() {
		this.api.anonymous().get("/api/v1/statistics/dashboard").problem(401);
	}

	@Test
	void writesEachSectionAsCsvWithStableHeaders() {
		ApiClient.Caller caller = this.api.as(this.supervisor.token());

		ApiResponse byDay = caller.get("/api/v1/statistics/by-day.csv?" + PERIOD).hasStatus(200);

		assertThat(byDay.contentType().toString()).startsWith("text/csv");
		assertThat(byDay.contentType().getCharset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(byDay.headers().getFirst("Content-Disposition"))
			.isEqualTo("attachment; filename=\"statistics-by-day-2025-01-06-2025-01-07.csv\"");
		assertThat(byDay.body()).startsWith("\uFEFF");
		assertThat(byDay.body().substring(1).lines().toList()).containsExactly(
				"day,calls,answered,missed,busy,failed,cancelled,rejected,not_allowed", "2025-01-06,2,1,1,0,0,0,0,0",
				"2025-01-07,1,1,0,0,0,0,0,0");
		for (String section : List.of("totals", "by-hour", "heatmap", "agents", "outcomes", "costs")) {
			assertThat(caller.get("/api/v1/statistics/" + section + ".csv?" + PERIOD).hasStatus(200).body()).as(section)
				.startsWith("\uFEFF" + StatisticsCsv.columns(StatisticsSection.of(section)).get(0) + ",");
		}
		assertThat(caller.get("/api/v1/statistics/heatmap.csv?" + PERIOD).body().lines()).hasSize(169);
		caller.get("/api/v1/statistics/calls.csv").problem(404, "not-found");
	}

	@Test
	void aSpanishReaderGetsSemicolonsAndTheirOwnLabelsButTheSameHeaders() {
		ApiResponse outcomes = this.api.as(this.supervisor.token())
			.speaking("es")
			.get("/api/v1/statistics/outcomes.csv?" + PERIOD)
			.hasStatus(200);

		assertThat(outcomes.body().substring(1).lines().toList()).containsExactly("outcome;label;calls;charges",
				"interested;Interesado;1;12,50 EUR");
		assertThat(this.api.as(this.ana.token()).get("/api/v1/statistics/agents.csv?" + PERIOD).body().lines())
			.hasSize(2);
	}

	@Test
	void isDocumentedWithItsParametersAndProblems() {
		JsonNode paths = this.api.anonymous().get("/v3/api-docs").json(200).path("paths");
		JsonNode dashboard = paths.path("/api/v1/statistics/dashboard").path("get");
		JsonNode csv = paths.path("/api/v1/statistics/{section}.csv").path("get");

		assertThat(dashboard.path("tags").get(0).asString()).isEqualTo("Statistics");
		assertThat(names(dashboard.path("parameters"), "name")).containsExactlyInAnyOrder("period", "from", "to",
				"accountId", "agentId", "campaignId", "direction");
		dashboard.path("parameters")
			.forEach((parameter) -> assertThat(parameter.path("description").asString())
				.as(parameter.path("name").asString())
				.isNotBlank());
		assertThat(dashboard.path("responses").path("200").toString()).contains("StatisticsDashboard");
		assertThat(dashboard.path("responses").path("422").toString()).contains("Problem");
		assertThat(names(csv.path("parameters"), "name")).contains("section", "period", "separator");
		assertThat(csv.path("responses").path("404").toString()).contains("Problem");
	}

	private long totalCalls(ApiClient.Caller caller, String query) {
		return caller.get("/api/v1/statistics/dashboard?" + query).json(200).path("totals").path("calls").asLong();
	}

	private static List<String> fields(ApiResponse response) {
		return names(response.problem(422, "invalid-input").path("errors"), "field");
	}

	private static List<String> names(JsonNode array, String field) {
		List<String> names = new ArrayList<>();
		array.forEach((node) -> names.add(node.path(field).asString()));
		return names;
	}

}
