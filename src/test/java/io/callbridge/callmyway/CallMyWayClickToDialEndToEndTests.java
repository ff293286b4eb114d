package io.callbridge.callmyway;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.ProviderPolls;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CallMyWay end to end through the HTTP API, with the running application polling the
 * simulator on real time: an agent's click-to-call becomes a Click2Dial, the call it
 * creates shows up through the live poller as the agent's outbound call to the contact,
 * and the CDR reconciliation completes that same call once (and is idempotent); a wrong
 * password fails the account check with CallMyWay's message and is recorded by the poller
 * without stopping the application.
 */
@IntegrationTest
class CallMyWayClickToDialEndToEndTests {

	private static final String EP = "8373456";

	private static final String IDENTITY = "8373499";

	private static final String USERNAME = "8000100";

	private static final String PASSWORD = "secret-pass";

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	ProviderPolls polls;

	@Autowired
	ApiClient api;

	private CallMyWaySimulator callmyway;

	private long tenant;

	private final List<TelephonyAccount> created = new ArrayList<>();

	@BeforeEach
	void simulator() {
		this.callmyway = CallMyWaySimulator.start(USERNAME, PASSWORD, Clock.systemUTC(), ZoneOffset.UTC);
		this.callmyway.account().endpoint("43702", EP).endpoint("43703", IDENTITY);
		this.tenant = this.data.anyTenant();
	}

	@AfterEach
	void stop() {
		// Disabled, so the poller leaves the account alone once the simulator is gone.
		this.created.forEach((account) -> this.accounts.update(this.tenant, account.id(), account.name(), false,
				account.settings(), null));
		this.callmyway.close();
	}

	@Test
	void clickToDialBecomesTheAgentsOutboundCallWhichTheReconciliationCompletesOnce() {
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		TelephonyAccount account = accountWithItsEndpointsListed(admin, Map.of());
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, agent.id(), account.id(), EP);
		Contact contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34 612 345 678");
		Instant start = Instant.now();

		JsonNode originated = this.api.as(agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "612 345 678", "contactId", contact.id()))
			.json(202);

		assertThat(originated.path("extension").asString()).isEqualTo(EP);
		assertThat(originated.path("number").asString()).isEqualTo("+34612345678");
		// Agent first (the default): CallMyWay rings the agent's EP, then the number.
		assertThat(this.callmyway.account().clickToDials()).singleElement().satisfies((dial) -> {
			assertThat(dial.firstNum()).isEqualTo(EP);
			assertThat(dial.secondNum()).isEqualTo("34612345678");
		});
		String callId = this.callmyway.account().clickToDials().get(0).callId();

		JsonNode ringing = awaitCall(agent, callId, (c) -> !c.path("originatedBy").isNull());
		assertThat(ringing.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(ringing.path("originatedBy").asLong()).isEqualTo(agent.id());
		assertThat(ringing.path("contactId").asLong()).isEqualTo(contact.id());
		assertThat(ringing.path("externalNumber").asString()).isEqualTo("+34612345678");

		this.callmyway.account().connect(callId);
		Instant connected = Instant.now();
		awaitCall(agent, callId, (c) -> c.path("state").asString().equals("ANSWERED"));
		// A second call while this one is in progress is refused, and CallMyWay never
		// hears of it.
		String refusal = this.api.as(agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "612 345 679"))
			.problem(409)
			.path("detail")
			.asString();
		assertThat(refusal).contains("already have a call in progress");
		assertThat(this.callmyway.account().clickToDials()).hasSize(1);

		// Let the call last at least a second (the simulator's clock is the system's),
		// so its CDR has talk time.
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> !Instant.now().isBefore(connected.plusSeconds(1)));
		this.callmyway.account().end(callId);
		awaitCall(agent, callId, (c) -> c.path("state").asString().equals("ENDED"));
		Map<String, Object> cdr = this.callmyway.account()
			.recentRows()
			.stream()
			.filter((row) -> row.get("callid").equals(callId))
			.findFirst()
			.orElseThrow();

		JsonNode report = reconcile(admin, account, start);
		assertThat(report.path("added").asInt()).as(report.toString()).isZero();
		assertThat(report.path("completed").asInt()).as(report.toString()).isEqualTo(1);
		List<JsonNode> mine = callsOf(agent).stream()
			.filter((c) -> c.path("providerCallId").asString().equals(callId))
			.toList();
		assertThat(mine).hasSize(1);
		JsonNode completed = mine.get(0);
		assertThat(completed.path("result").asString()).isEqualTo("ANSWERED");
		assertThat(completed.path("talkSeconds").asInt()).isPositive()
			.isEqualTo(Integer.parseInt((String) cdr.get("duration")));
		assertThat(completed.path("cost").decimalValue()).isPositive()
			.isEqualByComparingTo(new BigDecimal((String) cdr.get("cost")));
		assertThat(completed.path("originatedBy").asLong()).isEqualTo(agent.id());
		assertThat(completed.path("contactId").asLong()).isEqualTo(contact.id());

		JsonNode again = reconcile(admin, account, start);
		assertThat(again.path("added").asInt()).as(again.toString()).isZero();
		assertThat(again.path("completed").asInt()).as(again.toString()).isZero();
		assertThat(callsOf(agent)).hasSize(1);
		// Live polls and CDR reads, interleaved, never made CallMyWay delay an answer.
		assertThat(this.callmyway.penalty()).isEqualTo(Duration.ZERO);
	}

	@Test
	void clickToDialThatRingsTheContactFirstIsStillTheAgentsOutboundCall() {
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);
		TelephonyAccount account = accountWithItsEndpointsListed(admin, Map.of("callFirst", "contact"));
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, agent.id(), account.id(), EP);
		Contact contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34 612 345 678");
		this.data.anyContact(this.tenant, "Lucía's office", "+34 612 345 678");
		Instant start = Instant.now();

		this.api.as(agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "612 345 678", "contactId", contact.id()))
			.json(202);

		// CallMyWay rings the contact first and reports the call as coming from the
		// contact to the agent's EP.
		assertThat(this.callmyway.account().clickToDials()).singleElement().satisfies((dial) -> {
			assertThat(dial.firstNum()).isEqualTo("34612345678");
			assertThat(dial.secondNum()).isEqualTo(EP);
		});
		String callId = awaitOutboundCallToTheContact(agent, contact);

		this.callmyway.account().end(callId);
		awaitCall(agent, callId, (c) -> c.path("state").asString().equals("ENDED"));
		reconcile(admin, account, start);
		JsonNode ended = awaitCall(agent, callId, (c) -> !c.path("result").isNull());
		assertThat(ended.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(ended.path("contactId").asLong()).isEqualTo(contact.id());
	}

	@Test
	void aCallFromANumberTheAgentDidNotAskForStaysInbound() {
		TelephonyAccount account = account(PASSWORD, Map.of("callFirst", "contact"));
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, agent.id(), account.id(), EP);
		this.api.as(agent.token()).post("/api/v1/click-to-call", Map.of("number", "612 345 678")).json(202);
		String dialled = this.callmyway.account().clickToDials().get(0).callId();
		this.callmyway.account().end(dialled);

		String inbound = this.callmyway.account().startInbound("34699000111", EP);

		JsonNode call = awaitCall(agent, inbound, (c) -> c.path("state").asString().equals("RINGING"));
		assertThat(call.path("direction").asString()).isEqualTo("INBOUND");
		assertThat(call.path("originatedBy").isNull()).isTrue();
		this.callmyway.account().end(inbound);
	}

	@Test
	void clickToDialFromACallerIdentityIsStillTheAgentsOutboundCallToTheContact() {
		TelephonyAccount account = account(PASSWORD, Map.of());
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, agent.id(), account.id(), EP);
		Contact contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34 612 345 678");

		this.api.as(agent.token())
			.post("/api/v1/click-to-call",
					Map.of("number", "612 345 678", "contactId", contact.id(), "callerId", IDENTITY))
			.json(202);

		assertThat(this.callmyway.account().clickToDials()).singleElement().satisfies((dial) -> {
			assertThat(dial.firstNum()).isEqualTo(IDENTITY);
			assertThat(dial.secondNum()).isEqualTo("34612345678");
		});
		String callId = awaitOutboundCallToTheContact(agent, contact);
		this.callmyway.account().end(callId);
		awaitCall(agent, callId, (c) -> c.path("state").asString().equals("ENDED"));
	}

	@Test
	void aWrongPasswordFailsTheCredentialsCheckWithCallMyWaysMessageAndThePollRecordsIt() {
		TelephonyAccount account = account("wrong-pass", Map.of());
		TestUser supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		TestUser admin = this.data.anyUser(this.tenant, Role.ADMIN);

		JsonNode checks = this.api.as(admin.token())
			.post("/api/v1/telephony-accounts/{id}/checks", Map.of(), account.id())
			.json(200);

		JsonNode credentials = checks.get(0);
		assertThat(credentials.path("code").asString()).isEqualTo("credentials");
		assertThat(credentials.path("passed").asBoolean()).isFalse();
		assertThat(credentials.path("detail").asString()).contains("Invalid username or password");
		ProviderPolls.Row poll = await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.polls.find(account.id(), "live").orElse(null),
					(row) -> row != null && row.lastError() != null);
		assertThat(poll.lastError().english()).contains("Invalid username or password").doesNotContain("wrong-pass");
		// The application goes on serving.
		this.api.as(supervisor.token()).get("/api/v1/calls").json(200);
	}

	private TelephonyAccount account(String password, Map<String, String> extra) {
		return account(password, extra, true);
	}

	/**
	 * An account whose endpoint list the admin read (as when assigning EPs) before it was
	 * enabled: that list is kept (endpoints-ttl), so a reconciliation reads only its CDR
	 * pages, each of which waits for the one turn in four the live polls leave it.
	 */
	private TelephonyAccount accountWithItsEndpointsListed(TestUser admin, Map<String, String> extra) {
		TelephonyAccount account = account(PASSWORD, extra, false);
		JsonNode endpoints = this.api.as(admin.token())
			.get("/api/v1/telephony-accounts/{id}/endpoints", account.id())
			.json(200);
		assertThat(endpoints.findValuesAsString("extension")).contains(EP, IDENTITY);
		return this.accounts.update(this.tenant, account.id(), account.name(), true, account.settings(), null);
	}

	private TelephonyAccount account(String password, Map<String, String> extra, boolean enabled) {
		Map<String, String> settings = new HashMap<>(Map.of("baseUrl", this.callmyway.baseUrl().toString(), "timeZone",
				"UTC", "callerIdentities", IDENTITY));
		settings.putAll(extra);
		TelephonyAccount account = this.accounts.create(this.tenant, "callmyway", "CallMyWay", enabled, settings,
				new Credentials(Map.of("username", USERNAME, "password", password)));
		this.created.add(account);
		return account;
	}

	private JsonNode reconcile(TestUser admin, TelephonyAccount account, Instant start) {
		return this.api.as(admin.token())
			.post("/api/v1/telephony-accounts/{id}/reconciliations",
					Map.of("from", start.minus(Duration.ofMinutes(5)).toString(), "to",
							Instant.now().plusSeconds(60).toString()),
					account.id())
			.json(200);
	}

	/**
	 * The simulator's Click2Dial call, once it is the agent's outgoing call to the
	 * contact.
	 */
	private String awaitOutboundCallToTheContact(TestUser agent, Contact contact) {
		String callId = this.callmyway.account().clickToDials().get(0).callId();
		JsonNode call = awaitCall(agent, callId, (c) -> !c.path("originatedBy").isNull());
		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(call.path("originatedBy").asLong()).isEqualTo(agent.id());
		assertThat(call.path("contactId").asLong()).isEqualTo(contact.id());
		return callId;
	}

	private JsonNode awaitCall(TestUser agent, String callId, Predicate<JsonNode> condition) {
		return await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> callsOf(agent).stream()
				.filter((c) -> c.path("providerCallId").asString().equals(callId))
				.findFirst()
				.orElse(null), (c) -> c != null && condition.test(c));
	}

	private List<JsonNode> callsOf(TestUser user) {
		List<JsonNode> items = new ArrayList<>();
		this.api.as(user.token()).get("/api/v1/calls").json(200).path("items").forEach(items::add);
		return items;
	}

}
