package io.callbridge.calls;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call history as people use it: who a missed call rang, an inverted date range
 * refused, the contact filter of the page, and the CSV export a spreadsheet opens (byte
 * order mark, the reader's separator and decimal mark, numbers formatted alike, no
 * formulas).
 */
@IntegrationTest
class CallHistoryTests {

	private static final String BOM = "\uFEFF";

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	CallEventSink sink;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private long account;

	private TestUser agent;

	private TestUser colleague;

	private Contact contact;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.data.sandboxAccount(this.tenant).id();
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.colleague = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");
		this.contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34612345678");
	}

	@Test
	void missedCallShowsWhomItRangInTheApiThePageAndTheCsv() {
		long missed = feed("missed", Instant.parse("2024-03-10T10:00:00Z"), CallResult.MISSED, null, "101", "102");

		JsonNode call = this.api.as(this.agent.token()).get("/api/v1/calls/{id}", missed).json(200);
		String page = ui(this.agent).get("/calls").body();
		String csv = this.api.as(this.agent.token()).get("/api/v1/calls/export").body();

		assertThat(call.path("agentId").isNull()).isTrue();
		assertThat(call.path("rangAgentIds").toString())
			.isEqualTo("[" + this.agent.id() + "," + this.colleague.id() + "]");
		assertThat(page)
			.contains("Rang: " + this.agent.agent().displayName() + ", " + this.colleague.agent().displayName());
		assertThat(csv.lines().toList().get(1))
			.endsWith(",\"" + this.agent.agent().displayName() + ", " + this.colleague.agent().displayName() + "\",");
	}

	@Test
	void invertedDateRangeIsRefusedInsteadOfShowingNothing() {
		feed("range", Instant.parse("2024-03-05T10:00:00Z"), CallResult.ANSWERED, null, "101");

		JsonNode problem = this.api.as(this.agent.token())
			.get("/api/v1/calls?from=2024-03-10&to=2024-03-01")
			.problem(422, "invalid-input");
		String page = ui(this.agent).get("/calls?from=2024-03-10&to=2024-03-01").body();

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("to");
		assertThat(problem.path("detail").asString()).contains("2024-03-01").contains("2024-03-10");
		assertThat(page).contains("The range ends before it starts");
		this.api.as(this.agent.token())
			.get("/api/v1/calls/export?from=2024-03-10&to=2024-03-01")
			.problem(422, "invalid-input");
		assertThat(this.api.as(this.agent.token()).get("/api/v1/calls?from=2024-03-05&to=2024-03-05").ids()).hasSize(1);
	}

	@Test
	void contactTypedInTheFilterFormNarrowsTheHistory() {
		this.data.anyContact(this.tenant, "Lucas Moreno", "+34612000999");
		long hers = feed("hers", Instant.parse("2024-03-10T10:00:00Z"), CallResult.ANSWERED, null, "101");
		UiSession ui = ui(this.agent);

		String form = ui.get("/calls").body();
		HttpResponse<String> unique = ui.get("/calls?contact=fern%C3%A1ndez");
		String chosen = ui
			.get(unique.headers().firstValue("Location").orElseThrow().replace("http://localhost:" + this.port, ""))
			.body();
		String several = ui.get("/calls?contact=luc").body();
		String none = ui.get("/calls?contact=nobody").body();

		assertThat(form).contains("name=\"contact\"");
		assertThat(unique.statusCode()).isEqualTo(302);
		assertThat(unique.headers().firstValue("Location").orElseThrow()).contains("contactId=" + this.contact.id())
			.doesNotContain("contact=");
		assertThat(chosen).contains("data-call-id=\"" + hers + "\"").contains("id=\"contact-filter\"");
		assertThat(several).contains("id=\"contact-choices\"")
			.contains("Lucía Fernández")
			.contains("Lucas Moreno")
			.doesNotContain("data-call-id");
		assertThat(none).contains("No contact matches &#39;nobody&#39;");
	}

	@Test
	void csvForSpanishReadersUsesSemicolonsDecimalCommasAndABom() {
		long call = feed("es", Instant.parse("2024-03-10T10:00:00Z"), CallResult.ANSWERED, new BigDecimal("0.0150"),
				"101");
		this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", "interested", "notes", "=HYPERLINK(\"http://evil\")", "chargeAmount",
							new BigDecimal("12.5")),
					call)
			.hasStatus(200);

		String spanish = this.api.as(this.agent.token()).speaking("es-ES").get("/api/v1/calls/export").body();
		String english = this.api.as(this.agent.token()).get("/api/v1/calls/export").body();
		String asked = this.api.as(this.agent.token())
			.speaking("es")
			.get("/api/v1/calls/export?separator=comma")
			.body();

		assertThat(spanish).startsWith(BOM + "id;started_at;direction;");
		assertThat(spanish.lines().toList().get(1))
			.startsWith(call + ";2024-03-10 11:00:00;INBOUND;+34612345678;+34910000000;")
			.contains(";55;60;0,015;EUR;interested;\"'=HYPERLINK(\"\"http://evil\"\")\";12,50;EUR;");
		assertThat(english.lines().toList().get(1)).contains(",55,60,0.015,EUR,interested,").contains(",12.50,EUR,");
		assertThat(asked).startsWith(BOM + "id,started_at,");
		this.api.as(this.agent.token()).get("/api/v1/calls/export?separator=pipe").problem(422, "invalid-input");
	}

	@Test
	void csvDownloadedFromThePageFollowsThePagesLanguage() {
		feed("page", Instant.parse("2024-03-10T10:00:00Z"), CallResult.ANSWERED, null, "101");
		UiSession ui = ui(this.agent);
		ui.get("/calls?lang=es");

		HttpResponse<String> csv = ui.get("/calls/export.csv");

		assertThat(csv.body()).startsWith(BOM + "id;started_at;");
		assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
	}

	private UiSession ui(TestUser user) {
		return UiSession.logIn(this.port, user.username(), user.password());
	}

	/**
	 * Delivers a whole inbound call from the contact's number: started, rung at each
	 * extension, answered by the first for an answered call, ended a minute later.
	 */
	private long feed(String name, Instant start, CallResult result, @Nullable BigDecimal cost, String... extensions) {
		String providerCallId = name + "-" + UUID.randomUUID();
		this.sink.accept(event(providerCallId, CallEventType.STARTED, start).direction(CallDirection.INBOUND)
			.externalNumber("612345678")
			.ourLine("+34910000000")
			.build());
		for (String extension : extensions) {
			this.sink.accept(
					event(providerCallId, CallEventType.RINGING, start.plusSeconds(1)).extension(extension).build());
		}
		String answering = (result == CallResult.ANSWERED) ? extensions[0] : null;
		if (answering != null) {
			this.sink.accept(
					event(providerCallId, CallEventType.ANSWERED, start.plusSeconds(5)).extension(answering).build());
		}
		this.sink.accept(event(providerCallId, CallEventType.ENDED, start.plusSeconds(60)).result(result)
			.extension(answering)
			.cost(cost, (cost != null) ? "EUR" : null)
			.build());
		return this.jdbc.sql("SELECT id FROM calls WHERE account_id = ? AND provider_call_id = ?")
			.params(this.account, providerCallId)
			.query(Long.class)
			.single();
	}

	private ProviderCallEvent.Builder event(String providerCallId, CallEventType type, Instant at) {
		Map<String, Object> payload = new HashMap<>();
		payload.put("call", providerCallId);
		payload.put("type", type.name());
		return ProviderCallEvent.of(this.account, providerCallId, type, at).rawPayload(payload.toString());
	}

}
