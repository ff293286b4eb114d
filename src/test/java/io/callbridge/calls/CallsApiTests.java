package io.callbridge.calls;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
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
import org.assertj.core.api.AbstractStringAssert;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests the calls API over HTTP with the sandbox PBX: inbound calls recorded with their
 * contact, agent and timeline, history filters, dispositions, CSV export, click-to-call
 * and routing a known caller to their responsible agent.
 */
@IntegrationTest
class CallsApiTests {

	@LocalServerPort
	int port;

	private static final Duration PATIENCE = Duration.ofSeconds(10);

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

	@Autowired
	DataSource dataSource;

	private long tenant;

	private long account;

	private TestUser agent;

	private Contact contact;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.account = this.data.sandboxAccount(this.tenant).id();
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34612345678");
	}

	@Test
	void answeredInboundCallIsRecordedWithItsContactAndAgent() {
		String providerCallId = simulate(this.agent, Map.of("from", "612345678", "scenario", "ANSWER"));

		JsonNode call = awaitEnded(providerCallId);

		JsonNode page = this.api.as(this.agent.token()).get("/api/v1/calls").json(200);
		assertThat(page.path("total").asLong()).isEqualTo(1);
		assertThat(call.path("direction").asString()).isEqualTo("INBOUND");
		assertThat(call.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contact.id());
		assertThat(call.path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("externalNumber").asString()).isEqualTo("+34612345678");
		assertThat(call.path("externalNumberRaw").asString()).isEqualTo("612345678");
		assertThat(call.path("ourLine").asString()).isEqualTo("+34910000000");
		assertThat(call.path("accountId").asLong()).isEqualTo(this.account);
		assertThat(call.path("ringSeconds").isNull()).isFalse();
		assertThat(call.path("talkSeconds").isNull()).isFalse();
		assertThat(call.path("totalSeconds").isNull()).isFalse();
		assertThat(call.path("answeredAt").isNull()).isFalse();
		assertThat(call.path("endedAt").isNull()).isFalse();
		assertThat(call.path("disposition").isNull()).isTrue();
	}

	@Test
	void timelineShowsEveryEventWithItsRawPayload() {
		String providerCallId = simulate(this.agent, Map.of("from", "612345678", "scenario", "ANSWER"));
		long id = awaitEnded(providerCallId).path("id").asLong();

		JsonNode events = this.api.as(this.agent.token()).get("/api/v1/calls/{id}/events", id).json(200);

		assertThat(events.findValues("type").stream().map(JsonNode::asString)).containsExactly("STARTED", "RINGING",
				"ANSWERED", "ENDED");
		events.forEach((event) -> {
			assertThat(event.path("rawPayload").asString()).contains(providerCallId);
			assertThat(event.path("occurredAt").isNull()).isFalse();
			assertThat(event.path("receivedAt").isNull()).isFalse();
		});
		assertThat(events.get(1).path("extension").asString()).isEqualTo("101");
		assertThat(events.get(1).path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(events.get(3).path("result").asString()).isEqualTo("ANSWERED");
	}

	@Test
	void missedInboundCallHasNoAgent() {
		String providerCallId = simulate(this.agent, Map.of("from", "612345678", "scenario", "MISSED"));

		JsonNode call = awaitEnded(providerCallId);

		assertThat(call.path("result").asString()).isEqualTo("MISSED");
		assertThat(call.path("agentId").isNull()).isTrue();
		assertThat(call.path("answeredAt").isNull()).isTrue();
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contact.id());
	}

	@Test
	void busyInboundCallEndsBusy() {
		String providerCallId = simulate(this.agent, Map.of("from", "612345678", "scenario", "BUSY"));

		JsonNode call = awaitEnded(providerCallId);

		assertThat(call.path("result").asString()).isEqualTo("BUSY");
		assertThat(call.path("agentId").isNull()).isTrue();
	}

	@Test
	void withheldCallerHasNoNumberAndNoContact() {
		String providerCallId = simulate(this.agent, Map.of("from", "anonymous", "scenario", "ANSWER"));

		JsonNode call = awaitEnded(providerCallId);

		assertThat(call.path("externalNumber").isNull()).isTrue();
		assertThat(call.path("contactId").isNull()).isTrue();
		assertThat(call.path("result").asString()).isEqualTo("ANSWERED");
	}

	@Test
	void simulatingWithoutAnExtensionIsRefused() {
		TestUser withoutExtension = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode problem = this.api.as(withoutExtension.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "612345678"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("extension");
	}

	@Test
	void historyFiltersByDirectionResultAgentAndContact() {
		long answered = feed("filters-a", CallDirection.INBOUND, Instant.parse("2024-03-10T10:00:00Z"), "612345678",
				"101", CallResult.ANSWERED);
		long outbound = feed("filters-b", CallDirection.OUTBOUND, Instant.parse("2024-03-11T10:00:00Z"), "699000111",
				null, CallResult.MISSED);
		long busy = feed("filters-c", CallDirection.INBOUND, Instant.parse("2024-03-10T23:30:00Z"), "699000222", null,
				CallResult.BUSY);

		assertThat(calls("/api/v1/calls")).containsExactly(outbound, busy, answered);
		assertThat(calls("/api/v1/calls?direction=OUTBOUND")).containsExactly(outbound);
		assertThat(calls("/api/v1/calls?direction=inbound")).containsExactly(busy, answered);
		assertThat(calls("/api/v1/calls?result=BUSY")).containsExactly(busy);
		assertThat(calls("/api/v1/calls?result=ANSWERED")).containsExactly(answered);
		assertThat(calls("/api/v1/calls?agentId={id}", this.agent.id())).containsExactly(answered);
		assertThat(calls("/api/v1/calls?contactId={id}", this.contact.id())).containsExactly(answered);
		assertThat(calls("/api/v1/calls?direction=INBOUND&result=MISSED")).isEmpty();
	}

	@Test
	void historyFiltersByDaysInTheTenantsTimeZone() {
		long answered = feed("days-a", CallDirection.INBOUND, Instant.parse("2024-03-10T10:00:00Z"), "612345678", "101",
				CallResult.ANSWERED);
		long outbound = feed("days-b", CallDirection.OUTBOUND, Instant.parse("2024-03-11T10:00:00Z"), "699000111", null,
				CallResult.MISSED);
		// 00:30 on 11 March in Madrid
		long lateEvening = feed("days-c", CallDirection.INBOUND, Instant.parse("2024-03-10T23:30:00Z"), "699000222",
				null, CallResult.BUSY);

		assertThat(calls("/api/v1/calls?from={from}", "2024-03-11")).containsExactly(outbound, lateEvening);
		assertThat(calls("/api/v1/calls?to={to}", "2024-03-10")).containsExactly(answered);
		assertThat(calls("/api/v1/calls?from={from}&to={to}", "2024-03-10", "2024-03-10")).containsExactly(answered);
		assertThat(calls("/api/v1/calls?from={from}&direction=INBOUND", "2024-03-11")).containsExactly(lateEvening);
	}

	@Test
	void historyFiltersByIsoInstantsWithTheEndExcluded() {
		long answered = feed("instants-a", CallDirection.INBOUND, Instant.parse("2024-03-10T10:00:00Z"), "612345678",
				"101", CallResult.ANSWERED);
		long outbound = feed("instants-b", CallDirection.OUTBOUND, Instant.parse("2024-03-11T10:00:00Z"), "699000111",
				null, CallResult.MISSED);
		long lateEvening = feed("instants-c", CallDirection.INBOUND, Instant.parse("2024-03-10T23:30:00Z"), "699000222",
				null, CallResult.BUSY);

		assertThat(calls("/api/v1/calls?from={from}", "2024-03-10T23:30:00Z")).containsExactly(outbound, lateEvening);
		assertThat(calls("/api/v1/calls?to={to}", "2024-03-10T23:30:00Z")).containsExactly(answered);
		assertThat(calls("/api/v1/calls?from={from}", "2024-03-11T00:30:00+01:00")).containsExactly(outbound,
				lateEvening);
		assertThat(calls("/api/v1/calls?from={from}&to={to}", "2024-03-10T09:00:00Z", "2024-03-10T11:00:00Z"))
			.containsExactly(answered);
	}

	@Test
	void badFilterValuesAreRefusedNamingTheParameter() {
		assertInvalidFilter("/api/v1/calls?direction=SIDEWAYS", "direction").contains("INBOUND, OUTBOUND");
		assertInvalidFilter("/api/v1/calls?result=MAYBE", "result").contains("ANSWERED").contains("BUSY");
		assertInvalidFilter("/api/v1/calls?from=yesterday", "from").contains("'yesterday'");
		assertInvalidFilter("/api/v1/calls?to=2024-13-01", "to").contains("'2024-13-01'");
		assertInvalidFilter("/api/v1/calls?from=2024-03-10T10:00:00", "from").contains("offset");
		assertInvalidFilter("/api/v1/calls?page=-1", "page");
		assertInvalidFilter("/api/v1/calls?size=0", "size");
		assertInvalidFilter("/api/v1/calls/export?direction=SIDEWAYS", "direction");

		JsonNode problem = this.api.as(this.agent.token()).get("/api/v1/calls?agentId=abc").problem(400, "bad-request");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("agentId");
		assertThat(problem.path("detail").asString()).contains("agentId");
	}

	@Test
	void unknownCallIsNotFound() {
		this.api.as(this.agent.token()).get("/api/v1/calls/{id}", Long.MAX_VALUE).problem(404, "not-found");
		this.api.as(this.agent.token()).get("/api/v1/calls/{id}/events", Long.MAX_VALUE).problem(404, "not-found");
		this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "interested"), Long.MAX_VALUE)
			.problem(404, "not-found");
	}

	@Test
	void participantRecordsADispositionInTheTenantsCurrency() {
		long call = feed("dispo-1", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);

		JsonNode disposition = this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", "interested", "notes", "Wants a quote", "chargeAmount", new BigDecimal("12.50")),
					call)
			.json(200);

		assertThat(disposition.path("outcome").asString()).isEqualTo("interested");
		assertThat(disposition.path("notes").asString()).isEqualTo("Wants a quote");
		assertThat(disposition.path("chargeAmount").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(disposition.path("chargeCurrency").asString()).isEqualTo("EUR");
		assertThat(disposition.path("agentId").asLong()).isEqualTo(this.agent.id());
		JsonNode stored = this.api.as(this.agent.token()).get("/api/v1/calls/{id}", call).json(200);
		assertThat(stored.path("disposition").path("outcome").asString()).isEqualTo("interested");
		assertThat(stored.path("disposition").path("chargeAmount").decimalValue()).isEqualByComparingTo("12.50");
	}

	@Test
	void collectionChargesOfAllTheContactsCallsAreTotalledInTheirFile() {
		long first = feed("charge-1", CallDirection.INBOUND, Instant.now().minusSeconds(300), "612345678", "101",
				CallResult.ANSWERED);
		long second = feed("charge-2", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);
		for (Object[] charge : new Object[][] { { first, "12.50" }, { second, "10" } }) {
			this.api.as(this.agent.token())
				.put("/api/v1/calls/{id}/disposition",
						Map.of("outcome", "interested", "chargeAmount", new BigDecimal((String) charge[1])), charge[0])
				.json(200);
		}

		String panel = UiSession.logIn(this.port, this.agent.username(), this.agent.password())
			.get("/calls/contact-panel/" + this.contact.id())
			.body();

		assertThat(panel).contains("id=\"contact-charges\"").contains("22.50 EUR");
	}

	@Test
	void dispositionCanBeChangedAndKeepsItsCreationTime() {
		long call = feed("dispo-2", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);
		JsonNode first = this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "call-back"), call)
			.json(200);

		JsonNode second = this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", "payment-promise", "chargeAmount", 30, "chargeCurrency", "usd"), call)
			.json(200);

		assertThat(first.path("chargeCurrency").isNull()).isTrue();
		assertThat(second.path("outcome").asString()).isEqualTo("payment-promise");
		assertThat(second.path("chargeCurrency").asString()).isEqualTo("USD");
		assertThat(second.path("createdAt").asString()).isEqualTo(first.path("createdAt").asString());
	}

	@Test
	void unknownOutcomeIsRefusedListingTheAllowedCodes() {
		long call = feed("dispo-3", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);

		JsonNode problem = this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "sold-a-yacht"), call)
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("outcome");
		assertThat(problem.path("detail").asString())
			.contains("interested, not-interested, call-back, payment-promise, wrong-number");
	}

	@Test
	void negativeOrOverPreciseChargeIsRefused() {
		long call = feed("dispo-4", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);

		for (String charge : List.of("-1.00", "12.345")) {
			JsonNode problem = this.api.as(this.agent.token())
				.put("/api/v1/calls/{id}/disposition",
						Map.of("outcome", "interested", "chargeAmount", new BigDecimal(charge)), call)
				.problem(422, "invalid-input");
			assertThat(problem.path("errors").get(0).path("field").asString()).as(charge).isEqualTo("chargeAmount");
		}
		JsonNode problem = this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", "interested", "chargeAmount", 5, "chargeCurrency", "EURO"), call)
			.problem(422, "invalid-input");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("chargeCurrency");
		assertThat(
				this.api.as(this.agent.token()).get("/api/v1/calls/{id}", call).json(200).path("disposition").isNull())
			.isTrue();
	}

	@Test
	void agentWhoDidNotTakePartCannotDispose() {
		long call = feed("dispo-5", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);
		TestUser colleague = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");

		JsonNode problem = this.api.as(colleague.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "interested"), call)
			.problem(403, "forbidden");

		assertThat(problem.path("detail").asString()).contains("took part");
	}

	@Test
	void supervisorCanDisposeAnyCallOfTheTenant() {
		long call = feed("dispo-6", CallDirection.INBOUND, Instant.now().minusSeconds(120), "612345678", "101",
				CallResult.ANSWERED);
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);

		JsonNode disposition = this.api.as(supervisor.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "wrong-number"), call)
			.json(200);

		assertThat(disposition.path("agentId").asLong()).isEqualTo(supervisor.id());
		String page = UiSession.logIn(this.port, supervisor.username(), supervisor.password())
			.get("/calls/" + call)
			.body();
		assertThat(page).contains("Recorded by " + supervisor.agent().displayName());
	}

	@Test
	void csvExportContainsTheCallWithItsDisposition() {
		long call = feed("export-1", CallDirection.INBOUND, Instant.parse("2024-03-10T10:00:00Z"), "612345678", "101",
				CallResult.ANSWERED);
		this.api.as(this.agent.token())
			.put("/api/v1/calls/{id}/disposition",
					Map.of("outcome", "interested", "notes", "Quote sent", "chargeAmount", new BigDecimal("12.50")),
					call)
			.hasStatus(200);

		ApiResponse export = this.api.as(this.agent.token()).get("/api/v1/calls/export").hasStatus(200);

		assertThat(export.contentType().toString()).startsWith("text/csv");
		assertThat(export.body()).startsWith("\uFEFF");
		List<String> lines = export.body().substring(1).lines().toList();
		assertThat(lines.get(0)).isEqualTo("id,started_at,direction,external_number,our_line,agent,contact,state,"
				+ "result,ring_seconds,talk_seconds,total_seconds,cost,currency,outcome,notes,charge_amount,"
				+ "charge_currency,recording,agents_rung,campaign_id");
		assertThat(lines).hasSize(2);
		assertThat(lines.get(1)).startsWith(call + ",2024-03-10 11:00:00,INBOUND,+34612345678,+34910000000,")
			.contains(this.agent.agent().displayName())
			.contains("Lucía Fernández")
			.contains(",ENDED,ANSWERED,")
			.contains(",interested,Quote sent,12.50,EUR,");
		assertThat(this.api.as(this.agent.token()).get("/api/v1/calls/export?direction=OUTBOUND").body().lines())
			.hasSize(1);
	}

	@Test
	void clickToCallPlacesAnOutboundCallOriginatedByTheAgent() {
		JsonNode originated = this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222", "contactId", this.contact.id()))
			.json(202);
		String providerCallId = originated.path("providerCallId").asString();
		assertThat(originated.path("originationId").asLong()).isPositive();
		assertThat(originated.path("extension").asString()).isEqualTo("101");
		assertThat(originated.path("number").asString()).isEqualTo("+34600111222");
		assertThat(originated.path("accountId").asLong()).isEqualTo(this.account);

		JsonNode call = awaitCall(providerCallId, "ANSWERED");

		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(call.path("originatedBy").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("externalNumber").asString()).isEqualTo("+34600111222");
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contact.id());
		hangUp(providerCallId);
	}

	@Test
	void secondClickToCallWhileACallIsActiveIsAConflict() {
		String providerCallId = clickToCall(this.agent, "+34600111222");
		awaitCall(providerCallId, "ANSWERED");

		JsonNode problem = this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111333"))
			.problem(409, "conflict");

		assertThat(problem.path("detail").asString()).contains("in progress");
		hangUp(providerCallId);
	}

	@Test
	void clickToCallRightAfterAnotherIsAConflictBeforeTheFirstCallShowsUp() {
		String providerCallId = clickToCall(this.agent, "+34600111222");

		this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111333"))
			.problem(409, "conflict");

		awaitCall(providerCallId, "ANSWERED");
		hangUp(providerCallId);
	}

	@Test
	void hangingUpEndsTheClickToCallAnsweredAndFreesTheAgent() {
		String providerCallId = clickToCall(this.agent, "+34600111222");
		awaitCall(providerCallId, "ANSWERED");

		JsonNode sandboxCall = this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), providerCallId)
			.json(200);

		assertThat(sandboxCall.path("state").asString()).isEqualTo("ended");
		JsonNode call = awaitCall(providerCallId, "ENDED");
		assertThat(call.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(call.path("agentId").asLong()).isEqualTo(this.agent.id());
		String next = clickToCall(this.agent, "+34600111444");
		awaitCall(next, "ANSWERED");
		hangUp(next);
	}

	@Test
	void clickToCallReturnsItsDatabaseConnectionToThePool() {
		String providerCallId = clickToCall(this.agent, "+34600111222");
		awaitCall(providerCallId, "ANSWERED");
		int before = activeConnections();

		for (int i = 0; i < 3; i++) {
			this.api.as(this.agent.token())
				.post("/api/v1/click-to-call", Map.of("number", "+34600111333"))
				.problem(409, "conflict");
		}

		await().atMost(Duration.ofSeconds(3))
			.untilAsserted(() -> assertThat(activeConnections()).as("connections in use").isLessThanOrEqualTo(before));
		hangUp(providerCallId);
	}

	@Test
	void clickToCallToABusyNumberEndsBusy() {
		String providerCallId = clickToCall(this.agent, "+34600110000");

		JsonNode call = awaitCall(providerCallId, "ENDED");

		assertThat(call.path("result").asString()).isEqualTo("BUSY");
		assertThat(call.path("originatedBy").asLong()).isEqualTo(this.agent.id());
	}

	@Test
	void clickToCallWithoutAnExtensionIsRefusedMentioningTheExtension() {
		TestUser withoutExtension = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode problem = this.api.as(withoutExtension.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("extension");
		assertThat(problem.path("detail").asString()).contains("extension");
	}

	@Test
	void clickToCallToAnInvalidNumberIsRefused() {
		JsonNode problem = this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "12ab"))
			.problem(422, "invalid-input");

		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("number");
		assertThat(problem.path("detail").asString()).contains("'12ab'");
		this.api.as(this.agent.token()).post("/api/v1/click-to-call", Map.of("number", "")).problem(400);
	}

	@Test
	void agentCannotClickToCallForAColleague() {
		TestUser colleague = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");

		this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222", "agentId", colleague.id()))
			.problem(403, "forbidden");
	}

	@Test
	void knownCallerIsRoutedToTheirResponsibleAgentWithTheirName() {
		TestUser responsible = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "105");
		this.data.anyContact(this.tenant, "Pedro Responsable", responsible.id(), "+34699555111");

		String providerCallId = simulate(this.agent,
				Map.of("from", "699 555 111", "extension", "110", "scenario", "MANUAL"));

		JsonNode active = this.api.as(this.agent.token()).get("/api/v1/sandbox/calls").json(200);
		JsonNode call = findById(active, providerCallId).orElseThrow();
		assertThat(call.path("ringing").toString()).isEqualTo("[\"105\"]");
		assertThat(call.path("callerName").asString()).isEqualTo("Pedro Responsable");
		this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), providerCallId)
			.hasStatus(200);
		JsonNode recorded = awaitEnded(providerCallId);
		assertThat(recorded.path("result").asString()).isEqualTo("MISSED");
	}

	@Test
	void unknownCallerRingsTheExtensionAskedFor() {
		String providerCallId = simulate(this.agent,
				Map.of("from", "699 555 999", "extension", "110", "scenario", "MANUAL"));

		JsonNode call = findById(this.api.as(this.agent.token()).get("/api/v1/sandbox/calls").json(200), providerCallId)
			.orElseThrow();

		assertThat(call.path("ringing").toString()).isEqualTo("[\"110\"]");
		assertThat(call.path("callerName").isNull()).isTrue();
		hangUp(providerCallId);
	}

	private int activeConnections() {
		return ((HikariDataSource) this.dataSource).getHikariPoolMXBean().getActiveConnections();
	}

	private String simulate(TestUser user, Map<String, Object> request) {
		return this.api.as(user.token()).post("/api/v1/sandbox/calls", request).json(201).path("id").asString();
	}

	private String clickToCall(TestUser user, String number) {
		return this.api.as(user.token())
			.post("/api/v1/click-to-call", Map.of("number", number))
			.json(202)
			.path("providerCallId")
			.asString();
	}

	private void hangUp(String providerCallId) {
		this.api.as(this.agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), providerCallId);
	}

	private JsonNode awaitEnded(String providerCallId) {
		return awaitCall(providerCallId, "ENDED");
	}

	/** Polls the call history until the provider's call is there in the given state. */
	private JsonNode awaitCall(String providerCallId, String state) {
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(providerCallId).filter((call) -> state.equals(call.path("state").asString())),
					Optional::isPresent)
			.orElseThrow();
	}

	private Optional<JsonNode> findCall(String providerCallId) {
		JsonNode page = this.api.as(this.agent.token()).get("/api/v1/calls").json(200);
		for (JsonNode call : page.path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

	private static Optional<JsonNode> findById(JsonNode sandboxCalls, String id) {
		for (JsonNode call : sandboxCalls) {
			if (id.equals(call.path("id").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

	private List<Long> calls(String path, Object... variables) {
		return this.api.as(this.agent.token()).get(path, variables).hasStatus(200).ids();
	}

	private AbstractStringAssert<?> assertInvalidFilter(String path, String parameter) {
		JsonNode problem = this.api.as(this.agent.token()).get(path).problem(422, "invalid-input");
		assertThat(problem.path("errors").get(0).path("field").asString()).as(path).isEqualTo(parameter);
		return assertThat(problem.path("detail").asString()).as(path);
	}

	/**
	 * Delivers a whole call to the sink as a provider would: started, rung (when an
	 * extension is given), answered for an answered call, and ended a minute later.
	 */
	private long feed(String name, CallDirection direction, Instant start, String number, @Nullable String extension,
			CallResult result) {
		String providerCallId = name + "-" + UUID.randomUUID();
		this.sink.accept(event(providerCallId, CallEventType.STARTED, start).direction(direction)
			.externalNumber(number)
			.ourLine((direction == CallDirection.INBOUND) ? "+34910000000" : null)
			.build());
		if (extension != null) {
			this.sink.accept(
					event(providerCallId, CallEventType.RINGING, start.plusSeconds(1)).extension(extension).build());
		}
		if (result == CallResult.ANSWERED) {
			this.sink.accept(
					event(providerCallId, CallEventType.ANSWERED, start.plusSeconds(5)).extension(extension).build());
		}
		this.sink.accept(event(providerCallId, CallEventType.ENDED, start.plusSeconds(60)).result(result)
			.extension((result == CallResult.ANSWERED) ? extension : null)
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
