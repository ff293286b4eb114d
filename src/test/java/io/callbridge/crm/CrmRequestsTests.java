package io.callbridge.crm;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callbridge.agents.AgentStatuses;
import io.callbridge.calls.application.ClickToCall;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Role;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a CRM asks of Callbridge: only a connection Callbridge made is recognised (by its
 * client id), and click-to-call and status changes act as the agent behind the CRM's
 * user, with every refusal an answer carrying its status and a text for the CRM's user.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CrmRequestsTests {

	@Autowired
	TestData data;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	CrmRequests requests;

	@Autowired
	ClickToCall clickToCall;

	@Autowired
	AgentStatuses statuses;

	@Autowired
	MessageSource messages;

	private long tenant;

	private TelephonyAccount sandbox;

	private TestUser ana;

	private CrmConnection connection;

	@BeforeEach
	void connectionWithAManager() {
		this.tenant = this.data.anyTenant();
		this.sandbox = this.data.sandboxAccount(this.tenant);
		this.ana = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		long id = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id())).id();
		this.connections.saveManagers(this.tenant, id, List.of(new ManagerCommand(this.ana.id(), "7", null)));
		this.connection = this.directory.find(this.tenant, id).orElseThrow();
	}

	@Test
	void recognisesOnlyAnEnabledConnectionOfTheConnectorByItsClientId() {
		String clientId = this.connection.clientId();

		assertThat(this.requests.authenticate(FakeCrmConnector.KEY, clientId)).map(CrmConnection::id)
			.contains(this.connection.id());
		assertThat(this.requests.authenticate(FakeCrmConnector.KEY, clientId.substring(1))).isEmpty();
		assertThat(this.requests.authenticate(FakeCrmConnector.KEY, "")).isEmpty();
		assertThat(this.requests.authenticate("retailcrm", clientId)).isEmpty();
		ConnectionView view = this.connections.get(this.tenant, this.connection.id());
		this.connections.update(this.tenant, view.id(), CrmFixture.changed(view, false, false, Map.of()));
		assertThat(this.requests.authenticate(FakeCrmConnector.KEY, clientId)).isEmpty();
	}

	@Test
	void callsAsTheManagersAgentThroughTheirExtension() {
		CrmRequestOutcome outcome = this.requests.makeCall(this.connection, new CrmUserRef("7", "101"), "612 345 678",
				null);

		assertThat(outcome).isInstanceOfSatisfying(CrmRequestOutcome.Accepted.class, (accepted) -> {
			assertThat(accepted.agentId()).isEqualTo(this.ana.id());
			assertThat(accepted.originationId()).isNotNull();
			assertThat(accepted.detail().english())
				.isEqualTo("Calling +34612345678 for " + this.ana.agent().displayName() + ".");
		});
		await().untilAsserted(() -> assertThat(this.clickToCall.activeCall(this.tenant, this.ana.id())).isPresent());
	}

	@Test
	void aSecondCallWhileTheFirstIsStartingIsAConflict() {
		this.requests.makeCall(this.connection, new CrmUserRef("7", null), "612 345 678", null);

		CrmRequestOutcome second = this.requests.makeCall(this.connection, new CrmUserRef("7", null), "612 345 679",
				null);

		assertThat(second).isInstanceOfSatisfying(CrmRequestOutcome.Refused.class,
				(refused) -> assertThat(refused.status()).isEqualTo(409));
	}

	@Test
	void anUnknownManagerIsNotFoundNamingTheUserInTheirLanguage() {
		CrmRequestOutcome outcome = this.requests.makeCall(this.connection, new CrmUserRef("99", "555"), "612 345 678",
				null);

		assertThat(outcome).isInstanceOfSatisfying(CrmRequestOutcome.Refused.class, (refused) -> {
			assertThat(refused.status()).isEqualTo(404);
			assertThat(refused.field()).isEqualTo("userId");
			assertThat(refused.reason().english())
				.startsWith("No Callbridge agent is related to the CRM user with id 99 and code 555: relate the user");
			assertThat(refused.reason().in(this.messages, Locale.forLanguageTag("es"))).startsWith(
					"Ningún agente de Callbridge está relacionado con el usuario del CRM con id 99 y código 555");
		});
	}

	@Test
	void aBadNumberIsRefusedOnThePhone() {
		CrmRequestOutcome outcome = this.requests.makeCall(this.connection, new CrmUserRef("7", null), "call me", null);

		assertThat(outcome).isInstanceOfSatisfying(CrmRequestOutcome.Refused.class, (refused) -> {
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.field()).isEqualTo("phone");
		});
	}

	@Test
	void anAgentWithoutAnExtensionOnTheConnectionsAccountsCannotCall() {
		TestUser bruno = this.data.anyUser(this.tenant, Role.AGENT);
		this.connections.saveManagers(this.tenant, this.connection.id(),
				List.of(new ManagerCommand(this.ana.id(), "7", null), new ManagerCommand(bruno.id(), "8", null)));

		CrmRequestOutcome outcome = this.requests.makeCall(this.connection, new CrmUserRef("8", null), "612 345 678",
				null);

		assertThat(outcome).isInstanceOfSatisfying(CrmRequestOutcome.Refused.class, (refused) -> {
			assertThat(refused.status()).isEqualTo(422);
			assertThat(refused.reason().english()).contains(bruno.agent().displayName() + " has no extension");
		});
	}

	@Test
	void changesTheStatusOfTheAgentBehindTheCode() {
		CrmRequestOutcome outcome = this.requests.changeStatus(this.connection, new CrmUserRef(null, "101"),
				AgentStatus.BREAK);

		assertThat(outcome).isInstanceOfSatisfying(CrmRequestOutcome.Accepted.class, (accepted) -> {
			assertThat(accepted.agentId()).isEqualTo(this.ana.id());
			assertThat(accepted.detail().english()).isEqualTo(this.ana.agent().displayName() + " is now: On a break.");
		});
		assertThat(this.statuses.of(this.tenant, this.ana.id()).status()).isEqualTo(AgentStatus.BREAK);
		assertThat(this.requests.changeStatus(this.connection, new CrmUserRef("404", null), AgentStatus.BUSY))
			.isInstanceOfSatisfying(CrmRequestOutcome.Refused.class,
					(refused) -> assertThat(refused.status()).isEqualTo(404));
	}

	@Test
	void theCrmsOutgoingNumberIsTheCallerIdentityOnlyWhenTheAccountDeclaresIt() {
		TelephonyAccount account = new TelephonyAccount(1, this.tenant, "zadarma", "Main", true, "token",
				Map.of("callerIdentities", "+74993720692, 500"), true);

		assertThat(CrmRequestHandler.callerId(account, "7 (499) 372-06-92")).isEqualTo("+74993720692");
		assertThat(CrmRequestHandler.callerId(account, "74950000000")).isNull();
		assertThat(CrmRequestHandler.callerId(account, null)).isNull();
		assertThat(CrmRequestHandler.callerId(account, " ")).isNull();
	}

}
