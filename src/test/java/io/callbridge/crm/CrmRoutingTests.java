package io.callbridge.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callbridge.calls.ExternalResponsibles;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing asks the CRM first: a starting call rings the agent the CRM names as the
 * caller's responsible (when related to an agent with an extension on the account), else
 * the responsible of Callbridge's own contact; the caller's name still comes from the
 * contacts. Shown on the sandbox, whose routing follows the core's decision.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CrmRoutingTests {

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	CrmConnections connections;

	@Autowired
	FakeCrmConnector crm;

	@Autowired
	ExternalResponsibles responsibles;

	private long tenant;

	private TelephonyAccount sandbox;

	private TestUser caller;

	private TestUser ana;

	private TestUser bruno;

	private long connectionId;

	@BeforeEach
	void crmManagerOn105AndContactResponsibleOn107() {
		this.tenant = this.data.anyTenant();
		this.sandbox = this.data.sandboxAccount(this.tenant);
		this.caller = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "110");
		this.ana = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "105");
		this.bruno = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "107");
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		this.connectionId = this.connections
			.update(this.tenant, created.id(), CrmFixture.changed(created, true, true, Map.of()))
			.id();
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null)));
	}

	@Test
	void theCrmsResponsibleManagerRingsWithTheContactsName() {
		this.data.anyContact(this.tenant, "Pedro Responsable", this.bruno.id(), "+34 699 555 101");
		this.crm.answerLookup("+34699555101", new CrmLookup.Found(new CrmUserRef("7", null)));

		JsonNode call = ring("699 555 101");

		assertThat(call.path("ringing").toString()).isEqualTo("[\"105\"]");
		assertThat(call.path("callerName").asString()).isEqualTo("Pedro Responsable");
		assertThat(this.crm.lookups("+34699555101")).singleElement()
			.satisfies((lookup) -> assertThat(lookup.budget()).isLessThanOrEqualTo(Duration.ofMillis(250)));
		hangUp(call);
	}

	@Test
	void aCallerUnknownToCallbridgeRingsTheCrmsManager() {
		this.crm.answerLookup("+34699555102", new CrmLookup.Found(new CrmUserRef(null, "105")));

		JsonNode call = ring("699 555 102");

		assertThat(call.path("ringing").toString()).isEqualTo("[\"105\"]");
		hangUp(call);
	}

	@Test
	void aManagerTheCrmNamesButCallbridgeDoesNotKnowLeavesTheContactsRule() {
		this.data.anyContact(this.tenant, "Pedro Responsable", this.bruno.id(), "+34 699 555 103");
		this.crm.answerLookup("+34699555103", new CrmLookup.Found(new CrmUserRef("999", "999")));

		JsonNode call = ring("699 555 103");

		assertThat(call.path("ringing").toString()).isEqualTo("[\"107\"]");
		hangUp(call);
	}

	@Test
	void withoutResponsibleFromCrmTheCrmIsNotAsked() {
		ConnectionView view = this.connections.get(this.tenant, this.connectionId);
		this.connections.update(this.tenant, this.connectionId, CrmFixture.changed(view, false, true, Map.of()));
		this.data.anyContact(this.tenant, "Pedro Responsable", this.bruno.id(), "+34 699 555 104");
		this.crm.answerLookup("+34699555104", new CrmLookup.Found(new CrmUserRef("7", null)));

		JsonNode call = ring("699 555 104");

		assertThat(call.path("ringing").toString()).isEqualTo("[\"107\"]");
		assertThat(this.crm.lookups("+34699555104")).isEmpty();
		hangUp(call);
	}

	@Test
	void aConnectionDisabledIsNotAskedAndIsAskedAgainOnceEnabled() {
		this.crm.answerLookup("+34699555107", new CrmLookup.Found(new CrmUserRef("7", null)));
		ConnectionView view = this.connections.get(this.tenant, this.connectionId);

		this.connections.update(this.tenant, this.connectionId, CrmFixture.changed(view, true, false, Map.of()));
		assertThat(this.responsibles.responsibleAgent(this.tenant, this.sandbox.id(), "+34699555107")).isEmpty();
		this.connections.update(this.tenant, this.connectionId, CrmFixture.changed(view, true, true, Map.of()));

		assertThat(this.responsibles.responsibleAgent(this.tenant, this.sandbox.id(), "+34699555107"))
			.contains(this.ana.id());
		assertThat(this.crm.lookups("+34699555107")).hasSize(1);
	}

	@Test
	void aCrmThatDoesNotAnswerInTimeNamesNobody() {
		this.crm.answerLookup("+34699555105", new CrmLookup.Found(new CrmUserRef("7", null)));
		this.crm.delayLookup("+34699555105", Duration.ofSeconds(5));

		assertThat(this.responsibles.responsibleAgent(this.tenant, this.sandbox.id(), "+34699555105")).isEmpty();
		assertThat(this.crm.lookups("+34699555105")).singleElement()
			.satisfies((lookup) -> assertThat(lookup.budget()).isLessThanOrEqualTo(Duration.ofMillis(250)));
	}

	@Test
	void aFailedLookupNamesNobody() {
		this.crm.answerLookup("+34699555106", new CrmLookup.Failed("HTTP 503"));

		assertThat(this.responsibles.responsibleAgent(this.tenant, this.sandbox.id(), "+34699555106")).isEmpty();
		this.crm.answerLookup("+34699555106", new CrmLookup.Found(new CrmUserRef("7", null)));
		assertThat(this.responsibles.responsibleAgent(this.tenant, this.sandbox.id(), "+34699555106"))
			.contains(this.ana.id());
	}

	private JsonNode ring(String from) {
		return this.api.as(this.caller.token())
			.post("/api/v1/sandbox/calls", Map.of("from", from, "extension", "110", "scenario", "MANUAL"))
			.json(201);
	}

	private void hangUp(JsonNode call) {
		this.api.as(this.caller.token())
			.post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call.path("id").asString())
			.hasStatus(200);
	}

}
