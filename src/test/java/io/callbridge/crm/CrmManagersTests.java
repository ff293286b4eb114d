package io.callbridge.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The agents' relation to a connection's CRM users: the codes they are known by (an
 * override, else their extension), the mapping both ways, what the CRM says it does not
 * know, and registering again when codes change or a retryable failure is due.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CrmManagersTests {

	@Autowired
	TestData data;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	FakeCrmConnector crm;

	@Autowired
	RegistrationJob job;

	@Autowired
	Connections rows;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TelephonyAccount sandbox;

	private TestUser ana;

	private TestUser bruno;

	private TestUser carla;

	private long connectionId;

	@BeforeEach
	void connectionWithThreeAgents() {
		this.tenant = this.data.anyTenant();
		this.sandbox = this.data.sandboxAccount(this.tenant);
		this.ana = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.bruno = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");
		this.carla = this.data.anyUser(this.tenant, Role.AGENT);
		this.connectionId = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id())).id();
	}

	@Test
	void listsEveryAgentWithTheCodeTheCrmKnowsThemBy() {
		List<ManagerView> managers = this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null), new ManagerCommand(this.bruno.id(), "8", "900")));

		assertThat(managers).extracting(ManagerView::agentId).contains(this.ana.id(), this.bruno.id(), this.carla.id());
		assertThat(view(managers, this.ana.id())).isEqualTo(new ManagerView(this.ana.id(),
				this.ana.agent().displayName(), "7", null, "101", List.of("101"), false));
		assertThat(view(managers, this.bruno.id()).code()).isEqualTo("900");
		assertThat(view(managers, this.bruno.id()).codeOverride()).isEqualTo("900");
		assertThat(view(managers, this.carla.id()).code()).isNull();
		assertThat(view(managers, this.carla.id()).extensions()).isEmpty();
		assertThat(this.connections.managers(this.tenant, this.connectionId)).isEqualTo(managers);
	}

	@Test
	void refusesAUserIdOrCodeGivenTwiceAndAnotherTenantsAgent() {
		TestUser stranger = this.data.anyUser(this.data.anyTenant(), Role.AGENT);

		Problems.InvalidInput refused = catchThrowableOfType(Problems.InvalidInput.class,
				() -> this.connections.saveManagers(this.tenant, this.connectionId, List.of(
						new ManagerCommand(this.ana.id(), "7", "900"), new ManagerCommand(this.bruno.id(), "7", "900"),
						new ManagerCommand(stranger.id(), "9", null), new ManagerCommand(this.ana.id(), "10", null))));

		assertThat(refused.errors()).extracting(FieldError::field)
			.containsExactly("managers[1].crmUserId", "managers[1].code", "managers[2].agentId", "managers[3].agentId");
		assertThat(refused.getMessage())
			.contains("The CRM user 7 is already related to " + this.ana.agent().displayName());
		assertThat(this.directory.managers(connection())).isEmpty();
	}

	@Test
	void findsTheAgentByUserIdThenCodeThenExtension() {
		TestUser dario = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "103");
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null), new ManagerCommand(this.bruno.id(), "8", "900")));
		CrmConnection connection = connection();

		assertThat(this.directory.agentOf(connection, new CrmUserRef("7", "102"))).contains(this.ana.id());
		assertThat(this.directory.agentOf(connection, new CrmUserRef("999", "900"))).contains(this.bruno.id());
		assertThat(this.directory.agentOf(connection, new CrmUserRef(null, "103"))).contains(dario.id());
		assertThat(this.directory.agentOf(connection, new CrmUserRef("999", "555"))).isEmpty();
		assertThat(this.directory.agentOf(connection, new CrmUserRef(null, null))).isEmpty();
		assertThat(this.directory.manager(connection, this.ana.id()))
			.contains(new CrmManager(this.ana.id(), "7", "101"));
		assertThat(this.directory.manager(connection, dario.id())).contains(new CrmManager(dario.id(), null, "103"));
		assertThat(this.directory.manager(connection, this.carla.id())).isEmpty();
		assertThat(this.directory.managers(connection)).containsExactly(new CrmManager(this.ana.id(), "7", "101"),
				new CrmManager(this.bruno.id(), "8", "900"));
	}

	@Test
	void anAgentOfAnotherAccountIsNotFoundByExtension() {
		long otherTenant = this.data.anyTenant();
		TestUser elsewhere = this.data.anyAgentWithExtension(otherTenant, Role.AGENT, "104");

		assertThat(this.directory.agentOf(connection(), new CrmUserRef(null, "104"))).isEmpty();
		assertThat(this.directory.manager(connection(), elsewhere.id())).isEmpty();
	}

	@Test
	void whatTheCrmDoesNotKnowIsShownUntilRegisteredAgain() {
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null), new ManagerCommand(this.bruno.id(), "8", null)));

		this.directory.reportUnknown(this.connectionId, List.of("101"), List.of("8"));

		List<ManagerView> flagged = this.connections.managers(this.tenant, this.connectionId);
		assertThat(view(flagged, this.ana.id()).unknownToCrm()).isTrue();
		assertThat(view(flagged, this.bruno.id()).unknownToCrm()).isTrue();
		assertThat(view(flagged, this.carla.id()).unknownToCrm()).isFalse();
		this.connections.connect(this.tenant, this.connectionId);
		List<ManagerView> registered = this.connections.managers(this.tenant, this.connectionId);
		assertThat(registered).noneMatch(ManagerView::unknownToCrm);
	}

	@Test
	void registrationDeclaresTheRelatedManagersWithACode() {
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null), new ManagerCommand(this.carla.id(), "9", null)));

		this.connections.connect(this.tenant, this.connectionId);

		assertThat(this.crm.registrations(this.connectionId)).singleElement()
			.satisfies((r) -> assertThat(r.registration().managers())
				.containsExactly(new CrmManager(this.ana.id(), "7", "101")));
	}

	@Test
	void savingManagersOfAConnectedConnectionRegistersItAgainAtOnce() {
		this.connections.connect(this.tenant, this.connectionId);

		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null)));

		// Without the job: right after the save is committed.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.crm.registrations(this.connectionId).size() == 2);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "REGISTERED"
				.equals(this.connections.get(this.tenant, this.connectionId).registration().state()));
		this.job.registerDue();
		assertThat(this.crm.registrations(this.connectionId)).as("nothing more to declare").hasSize(2);
		assertThat(this.crm.registrations(this.connectionId).get(1).registration().managers())
			.containsExactly(new CrmManager(this.ana.id(), "7", "101"));
		assertThat(this.connections.get(this.tenant, this.connectionId).registration().state()).isEqualTo("REGISTERED");
	}

	@Test
	void aChangedExtensionIsRegisteredAgainOnce() {
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null)));
		this.connections.connect(this.tenant, this.connectionId);
		this.job.registerDue();
		assertThat(this.crm.registrations(this.connectionId)).as("nothing changed").hasSize(1);

		this.data.assignExtension(this.tenant, this.ana.id(), this.sandbox.id(), "111");
		this.job.registerDue();
		this.job.registerDue();

		assertThat(this.crm.registrations(this.connectionId)).hasSize(2);
		assertThat(this.crm.registrations(this.connectionId).get(1).registration().managers())
			.containsExactly(new CrmManager(this.ana.id(), "7", "111"));
	}

	@Test
	void aNeverConnectedOrDisabledConnectionIsNotRegistered() {
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null)));
		assertThat(this.connections.get(this.tenant, this.connectionId).registration().state()).isEqualTo("NEVER");
		this.job.registerDue();
		assertThat(this.crm.registrations(this.connectionId)).isEmpty();

		this.connections.connect(this.tenant, this.connectionId);
		ConnectionView connected = this.connections.get(this.tenant, this.connectionId);
		this.connections.update(this.tenant, this.connectionId, CrmFixture.changed(connected, false, false, Map.of()));
		// Disabling switches the integration off in the CRM, once; the job then leaves
		// it.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.crm.registrations(this.connectionId).size() == 2);
		this.job.registerDue();

		assertThat(this.crm.registrations(this.connectionId)).hasSize(2);
		assertThat(this.crm.registrations(this.connectionId).get(1).registration().active()).isFalse();
	}

	@Test
	void aRetryableFailureIsTriedAgainWhenDueWithALongerWaitEachTime() {
		this.crm.answerRegistrations(this.connectionId,
				new CrmRegistrationResult.Failed(503, Text.literal("The CRM is down."), true),
				new CrmRegistrationResult.Failed(503, Text.literal("The CRM is down."), true),
				new CrmRegistrationResult.Registered(200, "{\"success\":true}", List.of()));
		this.connections.connect(this.tenant, this.connectionId);
		StoredConnection first = this.rows.find(this.connectionId).orElseThrow();
		assertThat(Duration.between(first.registrationAt(), first.nextRegistrationAt()))
			.isEqualTo(Duration.ofMinutes(1));

		this.job.registerDue();
		assertThat(this.crm.registrations(this.connectionId)).as("not due yet").hasSize(1);
		makeDue();
		this.job.registerDue();
		StoredConnection second = this.rows.find(this.connectionId).orElseThrow();
		assertThat(second.state()).isEqualTo(RegistrationState.PENDING);
		assertThat(Duration.between(second.registrationAt(), second.nextRegistrationAt()))
			.isEqualTo(Duration.ofMinutes(5));
		makeDue();
		this.job.registerDue();

		assertThat(this.crm.registrations(this.connectionId)).hasSize(3);
		assertThat(this.rows.find(this.connectionId).orElseThrow().state()).isEqualTo(RegistrationState.REGISTERED);
	}

	@Test
	void aRefusedRegistrationIsTriedAgainOnlyWhenWhatItDeclaresChanges() {
		this.crm.answerRegistrations(this.connectionId,
				new CrmRegistrationResult.Failed(400, Text.literal("Unknown user 7."), false),
				new CrmRegistrationResult.Registered(200, "{\"success\":true}", List.of()));
		this.connections.saveManagers(this.tenant, this.connectionId,
				List.of(new ManagerCommand(this.ana.id(), "7", null)));
		this.connections.connect(this.tenant, this.connectionId);
		this.job.registerDue();
		assertThat(this.crm.registrations(this.connectionId)).hasSize(1);

		this.data.assignExtension(this.tenant, this.ana.id(), this.sandbox.id(), "112");
		this.job.registerDue();

		assertThat(this.crm.registrations(this.connectionId)).hasSize(2);
		assertThat(this.rows.find(this.connectionId).orElseThrow().state()).isEqualTo(RegistrationState.REGISTERED);
	}

	// The wait has passed (the database's time is not moved in tests: the due time is).
	private void makeDue() {
		this.jdbc.sql("UPDATE crm_connections SET next_registration_at = ? WHERE id = ?")
			.params(Jdbc.ts(Instant.parse("2020-01-01T00:00:00Z")), this.connectionId)
			.update();
	}

	private CrmConnection connection() {
		return this.directory.find(this.tenant, this.connectionId).orElseThrow();
	}

	private static ManagerView view(List<ManagerView> managers, long agentId) {
		return managers.stream().filter((m) -> m.agentId() == agentId).findFirst().orElseThrow();
	}

}
