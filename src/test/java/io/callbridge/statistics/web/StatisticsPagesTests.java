package io.callbridge.statistics.web;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.shared.Role;
import io.callbridge.statistics.web.DashboardFacts.CallFact;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics page through a real login session, for every role and in English and
 * Spanish: the filter bar (agents only for those who see everyone, campaigns only when
 * there are some), the headline figures, a canvas and a numbers table per chart, the
 * busiest-hours table, the agents, the CSV links with the page's filters, and refusals.
 */
@IntegrationTest
class StatisticsPagesTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);

	private static final String PERIOD = "period=custom&from=2025-01-06&to=2025-01-07";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	DashboardFacts facts;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser ana;

	private TestUser luis;

	@BeforeEach
	void knownCalls() {
		this.tenant = this.tenants.anyTenant();
		long account = this.data.sandboxAccount(this.tenant).id();
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.luis = this.data.anyUser(this.tenant, Role.AGENT);
		CallFact call = this.facts.anyCall(this.tenant, account, MADRID);
		this.facts.save(call.at(MONDAY, 10, 15)
			.by(this.ana.id())
			.costing("sandbox", "0.10", "EUR")
			.disposed("interested", "12.50", "EUR"));
		this.facts.save(call.at(MONDAY, 10, 40).ended(CallDirection.INBOUND, CallResult.MISSED, 30, null));
		this.facts.save(call.at(MONDAY.plusDays(1), 9, 0)
			.ended(CallDirection.OUTBOUND, CallResult.ANSWERED, 5, 75)
			.by(this.luis.id()));
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyRoleSeesTheDashboardInEnglish(Role role) {
		TestUser user = (role == Role.AGENT) ? this.ana : this.data.anyUser(this.tenant, role);
		UiSession ui = UiSession.logIn(this.port, user.username(), user.password());

		HttpResponse<String> page = ui.get("/statistics?" + PERIOD + "&lang=en");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"nav-statistics\"", ">Statistics</a>", "<h1>Statistics</h1>")
			.contains("id=\"canvas-by-day\"", "id=\"canvas-by-hour\"", "id=\"canvas-outcomes\"", "id=\"canvas-costs\"")
			.contains("data-numbers=\"numbers-by-day\"", "id=\"numbers-by-day\"", ">Show numbers<")
			.containsPattern("/webjars/chart\\.js/[0-9.]+/dist/chart\\.umd\\.min\\.js")
			.contains("/js/statistics.js")
			.contains(">Mon</th>", ">Sun</th>", "Calls by day", "Answer rate", "Interested")
			.contains("data-dashboard=\"{&quot;period&quot;:&quot;custom&quot;")
			.doesNotContain("id=\"statistics-campaign\"");
		assertThat(page.body().contains("id=\"statistics-agent\"")).isEqualTo(role != Role.AGENT);
		assertThat(kpi(page.body(), "calls")).isEqualTo((role == Role.AGENT) ? "1" : "3");
	}

	@ParameterizedTest
	@EnumSource(Role.class)
	void everyRoleSeesTheDashboardInSpanish(Role role) {
		TestUser user = (role == Role.AGENT) ? this.ana : this.data.anyUser(this.tenant, role);
		UiSession ui = UiSession.logIn(this.port, user.username(), user.password());

		HttpResponse<String> page = ui.get("/statistics?" + PERIOD + "&lang=es");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains(">Estadísticas</a>", "<h1>Estadísticas</h1>", "Llamadas por día", "Ver cifras")
			.contains("Tasa de atención", ">Lun</th>", ">Dom</th>", "Interesado", "Horas de más actividad")
			.contains("id=\"canvas-by-day\"")
			.doesNotContain(">Show numbers<");
		assertThat(kpi(page.body(), "answer-rate")).isEqualTo((role == Role.AGENT) ? "100\u00a0%" : "66,7\u00a0%");
	}

	@Test
	void showsTheBusiestHoursAndTheAgents() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		String page = UiSession.logIn(this.port, supervisor.username(), supervisor.password())
			.get("/statistics?" + PERIOD + "&lang=en")
			.body();

		assertThat(page).contains("class=\"num heat-5\" title=\"Mon 10:00 – 2 calls\">2</td>")
			.contains("class=\"num heat-3\" title=\"Tue 9:00 – 1 call\">1</td>")
			.contains("class=\"num heat-0\" title=\"Wed 9:00 – no calls\"></td>");
		assertThat(page).contains("data-agent-id=\"" + this.ana.id() + "\"", this.ana.agent().displayName(),
				"Interested 1", "12.50 EUR", "Nobody (not answered)");
		assertThat(page).contains("id=\"wallboard-link\" href=\"/statistics/wallboard\"");
	}

	@Test
	void anAgentIsNotOfferedTheWallboard() {
		UiSession ui = UiSession.logIn(this.port, this.ana.username(), this.ana.password());

		assertThat(ui.get("/statistics?lang=en").body()).contains("class=\"statistics-page\"")
			.doesNotContain("wallboard-link");
	}

	@Test
	void csvLinksCarryThePagesFiltersAndAnswer() {
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		UiSession ui = UiSession.logIn(this.port, supervisor.username(), supervisor.password());
		String page = ui.get("/statistics?" + PERIOD + "&direction=INBOUND&lang=en").body();

		assertThat(page).contains("href=\"/statistics/by-day.csv?period=custom&amp;from=2025-01-06&amp;to=2025-01-07"
				+ "&amp;direction=INBOUND\"");
		HttpResponse<String> csv = ui.get("/statistics/by-day.csv?" + PERIOD + "&direction=INBOUND");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
		assertThat(csv.body().substring(1).lines().toList()).containsExactly(
				"day,calls,answered,missed,busy,failed,cancelled,rejected,not_allowed", "2025-01-06,2,1,1,0,0,0,0,0",
				"2025-01-07,0,0,0,0,0,0,0,0");
		assertThat(ui.get("/statistics/nothing.csv").statusCode()).isEqualTo(404);
	}

	@Test
	void theCampaignFilterShowsOnceTheTenantHasCampaigns() {
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO campaigns (tenant_id, name, type, state, interaction, duplicates, created_at, updated_at)
				VALUES (?, 'Spring sale', 'MANUAL', 'ACTIVE', 'FORM', 'ALLOW', ?, ?)""")
			.params(this.tenant, java.sql.Timestamp.from(now), java.sql.Timestamp.from(now))
			.update();
		UiSession ui = UiSession.logIn(this.port, this.ana.username(), this.ana.password());

		assertThat(ui.get("/statistics?lang=en").body()).contains("id=\"statistics-campaign\"", "Spring sale");
	}

	@Test
	void refusedFiltersAreShownByTheirFields() {
		UiSession ui = UiSession.logIn(this.port, this.luis.username(), this.luis.password());

		HttpResponse<String> page = ui.get("/statistics?period=custom&from=2025-01-07&to=2025-01-06&lang=en");

		assertThat(page.statusCode()).isEqualTo(422);
		assertThat(page.body()).contains("form-errors", "The period ends before it starts")
			.contains("value=\"2025-01-07\"")
			.doesNotContain("id=\"canvas-by-day\"");
	}

	@Test
	void anAgentAskingForAnotherAgentsStatisticsIsRefused() {
		UiSession ui = UiSession.logIn(this.port, this.ana.username(), this.ana.password());

		assertThat(ui.get("/statistics?agentId=" + this.luis.id()).statusCode()).isEqualTo(403);
		assertThat(ui.get("/statistics/agents.csv?agentId=" + this.luis.id()).statusCode()).isEqualTo(403);
	}

	@Test
	void aPeriodWithoutOutcomesOrCostsSaysSoInsteadOfAnEmptyChart() {
		UiSession ui = UiSession.logIn(this.port, this.luis.username(), this.luis.password());

		String page = ui.get("/statistics?period=today&lang=en").body();

		assertThat(page)
			.contains("id=\"canvas-by-day\"", "No outcome was recorded", "No call in this period has a cost")
			.doesNotContain("id=\"canvas-outcomes\"", "id=\"canvas-costs\"");
	}

	private static String kpi(String page, String id) {
		Matcher value = Pattern.compile("id=\"kpi-" + id + "\">\\s*<span class=\"kpi-value\">([^<]*)</span>")
			.matcher(page);
		assertThat(value.find()).as("tile %s", id).isTrue();
		return value.group(1);
	}

}
