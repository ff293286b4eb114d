package io.callbridge.crm;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.callbridge.shared.Databases;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.SecretCipher;
import io.callbridge.shared.Text;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.webhooks.EndpointKind;
import io.callbridge.webhooks.WebhookEndpoint;
import io.callbridge.webhooks.WebhookEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A tenant's CRM connections: validation naming each field, credentials encrypted at rest
 * and never shown, the managed delivery endpoint kept in step, and the "check" and
 * "connect" actions with the CRM's answer kept as the registration's status.
 */
@IntegrationTest
@Import(FakeCrmConnector.Configuration.class)
class CrmConnectionsTests {

	@Autowired
	TestData data;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	FakeCrmConnector crm;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	SecretCipher cipher;

	@Autowired
	WebhookEndpoints endpoints;

	@Autowired
	Connectors connectors;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	Connections rows;

	@Autowired
	DataSource dataSource;

	@Autowired
	TransactionTemplate transactions;

	private long tenant;

	private TelephonyAccount sandbox;

	@BeforeEach
	void tenantWithItsSandboxAccount() {
		this.tenant = this.data.anyTenant();
		this.sandbox = this.data.sandboxAccount(this.tenant);
	}

	@Test
	void createsAConnectionWithAManagedConnectorEndpointAndARandomClientId() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));

		assertThat(created.connector()).isEqualTo(FakeCrmConnector.KEY);
		assertThat(created.accountIds()).containsExactly(this.sandbox.id());
		assertThat(created.settings()).isEqualTo(Map.of(FakeCrmConnector.SITE, "main"));
		assertThat(created.registration().state()).isEqualTo("NEVER");
		assertThat(created.deliveries().paused()).isFalse();
		assertThat(created.deliveries().pending()).isZero();
		CrmConnection connection = this.directory.find(this.tenant, created.id()).orElseThrow();
		assertThat(connection.clientId()).matches("[A-Za-z0-9_-]{43}");
		WebhookEndpoint endpoint = this.endpoints.get(this.tenant, connection.endpointId());
		assertThat(endpoint.kind()).isEqualTo(EndpointKind.CONNECTOR);
		assertThat(endpoint.url()).isEqualTo("http://127.0.0.1:9/crm");
		assertThat(endpoint.enabled()).isTrue();
		assertThat(this.crm.registrations(created.id())).as("nothing sent before connect").isEmpty();
	}

	@Test
	void everyConnectionHasItsOwnClientId() {
		long first = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id())).id();
		long second = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id())).id();

		assertThat(this.directory.find(this.tenant, first).orElseThrow().clientId())
			.isNotEqualTo(this.directory.find(this.tenant, second).orElseThrow().clientId());
	}

	@Test
	void neverShowsASecretAndKeepsItEncryptedAtRest() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));

		assertThat(created.secretsSet()).containsExactly(FakeCrmConnector.API_KEY);
		assertThat(created.toString()).doesNotContain(CrmFixture.API_KEY);
		assertThat(this.connections.list(this.tenant).toString()).doesNotContain(CrmFixture.API_KEY);
		String stored = this.jdbc.sql("SELECT credentials FROM crm_connections WHERE id = ?")
			.param(created.id())
			.query(String.class)
			.single();
		assertThat(stored).startsWith("v1:").doesNotContain(CrmFixture.API_KEY);
		assertThat(this.cipher.decrypt(stored)).contains(CrmFixture.API_KEY);
		CrmConnection connection = this.directory.find(this.tenant, created.id()).orElseThrow();
		assertThat(this.directory.secrets(connection).get(FakeCrmConnector.API_KEY)).isEqualTo(CrmFixture.API_KEY);
		assertThat(this.directory.secrets(connection).toString()).doesNotContain(CrmFixture.API_KEY);
	}

	@Test
	void aBlankSecretKeepsTheStoredOneAndANewOneReplacesIt() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		CrmConnection connection = this.directory.find(this.tenant, created.id()).orElseThrow();

		this.connections.update(this.tenant, created.id(),
				CrmFixture.changed(created, false, true, Map.of(FakeCrmConnector.API_KEY, " ")));
		assertThat(this.directory.secrets(connection).get(FakeCrmConnector.API_KEY)).isEqualTo(CrmFixture.API_KEY);

		this.connections.update(this.tenant, created.id(), CrmFixture.changed(created, false, true, Map.of()));
		assertThat(this.directory.secrets(connection).get(FakeCrmConnector.API_KEY)).isEqualTo(CrmFixture.API_KEY);

		this.connections.update(this.tenant, created.id(),
				CrmFixture.changed(created, false, true, Map.of(FakeCrmConnector.API_KEY, "new-key")));
		assertThat(this.directory.secrets(connection).get(FakeCrmConnector.API_KEY)).isEqualTo("new-key");
	}

	@Test
	void refusesInvalidInputNamingEveryField() {
		ConnectionCommand bad = new ConnectionCommand(FakeCrmConnector.KEY, " ", "ftp://crm.example", "Not A Code",
				"http://callbridge.test", List.of(), false, true, Map.of("color", "red"), Map.of());

		Problems.InvalidInput refused = catchThrowableOfType(Problems.InvalidInput.class,
				() -> this.connections.create(this.tenant, bad));

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("name", "baseUrl", "integrationCode", "accountIds", "settings.color",
					"secrets.apiKey");
		assertThat(refused.errors()).extracting(FieldError::message)
			.contains("Choose at least one telephony account whose calls the CRM receives.");
		assertThat(this.connections.list(this.tenant)).isEmpty();
	}

	@Test
	void refusesAnUnknownConnector() {
		ConnectionCommand command = CrmFixture.anyConnection(this.sandbox.id());
		ConnectionCommand unknown = new ConnectionCommand("nocrm", command.name(), command.baseUrl(),
				command.integrationCode(), command.publicBaseUrl(), command.accountIds(), false, true, Map.of(),
				Map.of());

		assertThatThrownBy(() -> this.connections.create(this.tenant, unknown))
			.isInstanceOfSatisfying(Problems.InvalidInput.class,
					(p) -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("connector"))
			.hasMessageContaining("There is no CRM connector 'nocrm' on this server")
			.hasMessageContaining(FakeCrmConnector.KEY);
	}

	@Test
	void refusesAnotherTenantsAccountAndATakenIntegrationCode() {
		ConnectionView first = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		long otherAccount = this.data.sandboxAccount(this.data.anyTenant()).id();
		ConnectionCommand command = CrmFixture.anyConnection(otherAccount);
		ConnectionCommand clash = new ConnectionCommand(command.connector(), command.name(), command.baseUrl(),
				first.integrationCode(), command.publicBaseUrl(), command.accountIds(), false, true, Map.of(),
				command.secrets());

		Problems.InvalidInput refused = catchThrowableOfType(Problems.InvalidInput.class,
				() -> this.connections.create(this.tenant, clash));

		assertThat(refused.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("integrationCode", "accountIds");
		assertThat(refused.getMessage()).contains("Telephony account " + otherAccount + " does not exist")
			.contains("The integration code " + first.integrationCode() + " is already used");
	}

	@Test
	void refusesASettingTheConnectorFindsOutOfForm() {
		ConnectionCommand command = new ConnectionCommand("retailcrm", "Shop", "https://shop.retailcrm.ru",
				"callbridge", "https://callbridge.example", List.of(this.sandbox.id()), false, true,
				Map.of("timeZone", "Mars/Olympus"), Map.of("apiKey", "k-123"));

		Problems.InvalidInput refused = catchThrowableOfType(Problems.InvalidInput.class,
				() -> this.connections.create(this.tenant, command));

		assertThat(refused.errors()).extracting(FieldError::field).containsExactly("settings.timeZone");
		assertThat(refused.getMessage()).contains("Mars/Olympus");
	}

	@Test
	void refusesMisplacedSecretsAndSettings() {
		ConnectionCommand command = CrmFixture.anyConnection(this.sandbox.id());
		ConnectionCommand misplaced = new ConnectionCommand(command.connector(), command.name(), command.baseUrl(),
				command.integrationCode(), command.publicBaseUrl(), command.accountIds(), false, true,
				Map.of(FakeCrmConnector.API_KEY, "in-clear"), Map.of(FakeCrmConnector.SITE, "main"));

		Problems.InvalidInput refused = catchThrowableOfType(Problems.InvalidInput.class,
				() -> this.connections.create(this.tenant, misplaced));

		assertThat(refused.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("settings.apiKey", "secrets.site", "secrets.apiKey");
	}

	@Test
	void refusesPlainHttpUnlessAllowedAndNeedsAPublicAddress() {
		ConnectionValidation httpsOnly = new ConnectionValidation(this.connectors, this.accounts, this.rows,
				new CrmProperties(Duration.ofMillis(250), Duration.ofMinutes(1), Duration.ofDays(90), false,
						Duration.ofMinutes(2)),
				null);
		ConnectionCommand command = CrmFixture.anyConnection(this.sandbox.id());
		ConnectionCommand withoutPublicUrl = new ConnectionCommand(command.connector(), command.name(),
				command.baseUrl(), command.integrationCode(), " ", command.accountIds(), false, true, Map.of(),
				command.secrets());

		Problems.InvalidInput refused = catchThrowableOfType(Problems.InvalidInput.class,
				() -> httpsOnly.check(this.tenant, null, command, Map.of()));
		Problems.InvalidInput noPublicUrl = catchThrowableOfType(Problems.InvalidInput.class,
				() -> httpsOnly.check(this.tenant, null, withoutPublicUrl, Map.of()));

		assertThat(refused.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("baseUrl", "publicBaseUrl");
		assertThat(refused.getMessage()).contains("The CRM address must use https");
		assertThat(noPublicUrl.errors()).extracting(FieldError::field)
			.containsExactlyInAnyOrder("baseUrl", "publicBaseUrl");
		assertThat(noPublicUrl.getMessage()).contains("Give Callbridge's public address");
		ValidConnection valid = httpsOnly.check(this.tenant, null,
				new ConnectionCommand(command.connector(), command.name(), "https://shop.retailcrm.ru/",
						command.integrationCode(), "https://callbridge.example.com/", command.accountIds(), false, true,
						Map.of(), command.secrets()),
				Map.of());
		assertThat(valid.baseUrl()).isEqualTo("https://shop.retailcrm.ru");
		assertThat(valid.publicBaseUrl()).isEqualTo("https://callbridge.example.com");
	}

	@Test
	void theConnectorOfAConnectionCannotChange() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		ConnectionCommand other = new ConnectionCommand("retailcrm", created.name(), created.baseUrl(),
				created.integrationCode(), created.publicBaseUrl(), created.accountIds(), false, true, Map.of(),
				Map.of());

		assertThatThrownBy(() -> this.connections.update(this.tenant, created.id(), other)).isInstanceOfSatisfying(
				Problems.InvalidInput.class,
				(p) -> assertThat(p.errors()).extracting(FieldError::field).containsExactly("connector"));
	}

	@Test
	void disablingOrDeletingAConnectedConnectionSwitchesTheIntegrationOffInTheCrm() {
		ConnectionView first = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		this.connections.connect(this.tenant, first.id());
		ConnectionView second = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		this.connections.connect(this.tenant, second.id());
		assertThat(this.crm.registrations(first.id())).singleElement()
			.satisfies((r) -> assertThat(r.registration().active()).isTrue());

		this.connections.update(this.tenant, first.id(),
				CrmFixture.changed(this.connections.get(this.tenant, first.id()), false, false, Map.of()));
		this.connections.delete(this.tenant, second.id());

		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.crm.registrations(first.id()).size() == 2
					&& this.crm.registrations(second.id()).size() == 2);
		assertThat(this.crm.registrations(first.id()).get(1).registration().active()).isFalse();
		assertThat(this.crm.registrations(second.id()).get(1).registration().active()).isFalse();

		// Enabled again: registered active again, at once.
		this.connections.update(this.tenant, first.id(),
				CrmFixture.changed(this.connections.get(this.tenant, first.id()), false, true, Map.of()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.crm.registrations(first.id()).size() == 3);
		assertThat(this.crm.registrations(first.id()).get(2).registration().active()).isTrue();
	}

	@Test
	void disablingHoldsTheDeliveriesAndDeletingRemovesTheEndpoint() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		long endpointId = this.directory.find(this.tenant, created.id()).orElseThrow().endpointId();

		ConnectionView disabled = this.connections.update(this.tenant, created.id(),
				CrmFixture.changed(created, false, false, Map.of()));
		assertThat(disabled.enabled()).isFalse();
		assertThat(disabled.deliveries().paused()).isTrue();
		assertThat(this.endpoints.get(this.tenant, endpointId).enabled()).isFalse();
		assertThat(this.directory.serving(this.tenant, this.sandbox.id())).isEmpty();

		ConnectionView enabled = this.connections.update(this.tenant, created.id(),
				CrmFixture.changed(created, false, true, Map.of()));
		assertThat(enabled.deliveries().paused()).isFalse();
		assertThat(this.directory.serving(this.tenant, this.sandbox.id())).extracting(CrmConnection::id)
			.containsExactly(created.id());

		this.connections.delete(this.tenant, created.id());
		assertThat(this.connections.list(this.tenant)).isEmpty();
		assertThatThrownBy(() -> this.endpoints.get(this.tenant, endpointId)).isInstanceOf(Problems.NotFound.class);
	}

	@Test
	void aConnectionCreatedDisabledHasItsEndpointDisabled() {
		ConnectionCommand command = CrmFixture.anyConnection(this.sandbox.id());
		ConnectionView created = this.connections.create(this.tenant,
				new ConnectionCommand(command.connector(), command.name(), command.baseUrl(), command.integrationCode(),
						command.publicBaseUrl(), command.accountIds(), false, false, command.settings(),
						command.secrets()));

		assertThat(created.deliveries().paused()).isTrue();
		assertThat(this.directory.serving(this.tenant, this.sandbox.id())).isEmpty();
	}

	@Test
	void anotherTenantsConnectionIsNotFound() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		long other = this.data.anyTenant();

		assertThatThrownBy(() -> this.connections.get(other, created.id())).isInstanceOf(Problems.NotFound.class)
			.hasMessage("CRM connection " + created.id() + " was not found.");
		assertThatThrownBy(() -> this.connections.delete(other, created.id())).isInstanceOf(Problems.NotFound.class);
		assertThat(this.directory.find(other, created.id())).isEmpty();
	}

	@Test
	void checkAsksTheConnectorWithTheStoredSecrets() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		this.crm.answerCheck(created.id(), new CrmCheck.Failed("apiKey", Text.literal("Wrong \"apiKey\" value.")));

		CrmCheck check = this.connections.check(this.tenant, created.id());

		assertThat(check).isEqualTo(new CrmCheck.Failed("apiKey", Text.literal("Wrong \"apiKey\" value.")));
		assertThat(this.crm.checks(created.id())).singleElement()
			.satisfies((c) -> assertThat(c.secrets().get(FakeCrmConnector.API_KEY)).isEqualTo(CrmFixture.API_KEY));
	}

	@Test
	void connectingKeepsTheCrmsAnswerAndForgetsTheUnknownCodes() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		this.directory.reportUnknown(created.id(), List.of("555"), List.of());
		assertThat(this.connections.get(this.tenant, created.id()).unknownCodes()).containsExactly("555");
		this.crm.answerRegistrations(created.id(),
				new CrmRegistrationResult.Registered(200, "{\"success\":true}", List.of("77")));

		ConnectionView connected = this.connections.connect(this.tenant, created.id());

		assertThat(connected.registration().state()).isEqualTo("REGISTERED");
		assertThat(connected.registration().at()).isNotNull();
		assertThat(connected.registration().answer()).isEqualTo("{\"success\":true}");
		assertThat(connected.registration().unknownUserIds()).containsExactly("77");
		assertThat(connected.registration().message()).startsWith("Registered in the CRM");
		assertThat(connected.unknownCodes()).isEmpty();
		CrmRegistration sent = this.crm.registrations(created.id()).get(0).registration();
		assertThat(sent.publicBaseUrl()).isEqualTo("http://callbridge.test");
		assertThat(sent.connectionPageUrl()).isEqualTo("http://callbridge.test/admin/crm/" + created.id());
	}

	@Test
	void aRetryableFailureIsPendingAndARefusalWaitsForTheAdmin() {
		ConnectionView created = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id()));
		this.crm.answerRegistrations(created.id(),
				new CrmRegistrationResult.Failed(503, Text.literal("The CRM is down."), true),
				new CrmRegistrationResult.Failed(403, Text.literal("Wrong \"apiKey\" value."), false));

		ConnectionView retrying = this.connections.connect(this.tenant, created.id());
		ConnectionView refused = this.connections.connect(this.tenant, created.id());

		assertThat(retrying.registration().state()).isEqualTo("PENDING");
		assertThat(retrying.registration().message())
			.isEqualTo("The CRM is down. Callbridge tries again automatically.");
		assertThat(refused.registration().state()).isEqualTo("FAILED");
		assertThat(refused.registration().message()).isEqualTo("Wrong \"apiKey\" value.");
	}

	@Test
	void lockingAConnectionDoesNotWaitForAnOpenDeliveryThatRefersToIt() throws SQLException {
		long id = this.connections.create(this.tenant, CrmFixture.anyConnection(this.sandbox.id())).id();
		try (Connection delivery = this.dataSource.getConnection()) {
			delivery.setAutoCommit(false);
			// On PostgreSQL the insert share-locks the connection's row for its foreign
			// key.
			try (PreparedStatement insert = delivery.prepareStatement("""
					INSERT INTO crm_call_uploads (connection_id, call_id, tenant_id, created_at)
					VALUES (?, 1, ?, CURRENT_TIMESTAMP)""")) {
				insert.setLong(1, id);
				insert.setLong(2, this.tenant);
				insert.executeUpdate();
			}

			this.transactions.executeWithoutResult((status) -> {
				this.jdbc.sql(Databases.isPostgres(this.dataSource) ? "SET LOCAL lock_timeout = '1s'"
						: "SET LOCK_TIMEOUT 1000")
					.update();
				this.rows.lock(id);
				this.rows.addUnknownCodes(id, List.of("nobody"));
			});
			delivery.rollback();
		}

		assertThat(this.jdbc.sql("SELECT unknown_codes FROM crm_connections WHERE id = ?")
			.param(id)
			.query(String.class)
			.single()).contains("nobody");
	}

}
