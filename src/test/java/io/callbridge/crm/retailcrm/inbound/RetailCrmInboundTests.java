package io.callbridge.crm.retailcrm.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.AgentStatuses;
import io.callbridge.crm.ConnectionCommand;
import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmConnector;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmDirectory;
import io.callbridge.crm.CrmField;
import io.callbridge.crm.CrmLookup;
import io.callbridge.crm.CrmPush;
import io.callbridge.crm.CrmRegistration;
import io.callbridge.crm.CrmRegistrationResult;
import io.callbridge.crm.CrmSecrets;
import io.callbridge.crm.ManagerCommand;
import io.callbridge.crm.retailcrm.RetailCrm;
import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * retailCRM's requests over HTTP into the whole application: a connection's client id
 * lets its click-to-call ring the manager's agent and its status change reach the agent;
 * anyone else, a disabled connection included, is refused alike; a manager nobody is
 * related to is refused with the core's reason. The CRM side is a stand-in connector with
 * retailCRM's key (nothing is sent to a CRM here).
 */
@IntegrationTest
@Import(RetailCrmInboundTests.StandInConnector.class)
class RetailCrmInboundTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	CrmConnections connections;

	@Autowired
	CrmDirectory directory;

	@Autowired
	AgentStatuses statuses;

	private long tenant;

	private TestUser ana;

	private ConnectionView connection;

	private String clientId;

	@BeforeEach
	void connectionWithAManager() {
		this.tenant = this.data.anyTenant();
		this.ana = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		long account = this.data.sandboxAccount(this.tenant).id();
		this.connection = this.connections.create(this.tenant,
				new ConnectionCommand(RetailCrm.KEY, "Shop", "http://127.0.0.1:9/crm", "cb-" + this.tenant,
						"http://callbridge.test", List.of(account), false, true, Map.of(), Map.of("apiKey", "key")));
		this.connections.saveManagers(this.tenant, this.connection.id(),
				List.of(new ManagerCommand(this.ana.id(), "27", null)));
		this.clientId = this.directory.find(this.tenant, this.connection.id()).orElseThrow().clientId();
	}

	@Test
	void aClickToCallRingsTheManagersAgent() {
		JsonNode answer = this.api.anonymous()
			.get(RetailCrmMakeCallController.PATH + "?clientId={c}&code=101&phone={p}&userId=27", this.clientId,
					"+34 600 111 222")
			.json(200);

		assertThat(answer.path("success").asBoolean()).isTrue();
		assertThat(answer.path("originationId").isNumber()).isTrue();
		assertThat(answer.path("message").asString()).isNotBlank();
	}

	@Test
	void aStatusChangeReachesTheManagersAgent() {
		JsonNode answer = this.api.anonymous()
			.get(RetailCrmUserStatusController.PATH + "?clientId={c}&userId=27&code=101&status=break", this.clientId)
			.json(200);

		assertThat(answer.path("success").asBoolean()).isTrue();
		assertThat(this.statuses.of(this.tenant, this.ana.id()).status()).isEqualTo(AgentStatus.BREAK);
	}

	@Test
	void strangersAndDisabledConnectionsAreRefusedAlike() {
		String stranger = this.api.anonymous()
			.get(RetailCrmMakeCallController.PATH + "?clientId=nobody&code=101&phone=600111222")
			.problem(403, "forbidden")
			.toString();
		this.connections.update(this.tenant, this.connection.id(),
				new ConnectionCommand(RetailCrm.KEY, "Shop", "http://127.0.0.1:9/crm", "cb-" + this.tenant,
						"http://callbridge.test", this.connection.accountIds(), false, false, Map.of(), Map.of()));
		String disabled = this.api.anonymous()
			.get(RetailCrmMakeCallController.PATH + "?clientId={c}&code=101&phone=600111222", this.clientId)
			.problem(403, "forbidden")
			.toString();

		assertThat(disabled).isEqualTo(stranger).contains("\"success\":false");
		assertThat(this.statuses.of(this.tenant, this.ana.id()).status()).isNotEqualTo(AgentStatus.BREAK);
	}

	@Test
	void aNulInAParameterIsRefusedNamingIt() {
		JsonNode refused = this.api.anonymous()
			.get(RetailCrmMakeCallController.PATH + "?clientId={c}&code=101&phone={p}&userId=27", this.clientId + "\0",
					"+34 600 111 222")
			.problem(400, "bad-request");

		assertThat(refused.path("detail").asString()).contains("'clientId'").contains("U+0000");
	}

	@Test
	void aManagerNobodyIsRelatedToIsRefusedWithTheCoresReason() {
		JsonNode refused = this.api.anonymous()
			.speaking("es")
			.get(RetailCrmUserStatusController.PATH + "?clientId={c}&userId=99&status=free", this.clientId)
			.json();

		assertThat(refused.path("status").asInt()).isBetween(400, 499);
		assertThat(refused.path("success").asBoolean(true)).isFalse();
		assertThat(refused.path("errorMsg").asString()).isEqualTo(refused.path("detail").asString()).contains("99");
	}

	/**
	 * A connector with retailCRM's key that takes everything, ordered first so it is the
	 * one the core finds even beside the real connector.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class StandInConnector {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		CrmConnector retailCrmStandIn() {
			return new CrmConnector() {

				@Override
				public String key() {
					return RetailCrm.KEY;
				}

				@Override
				public String displayName() {
					return "retailCRM (stand-in)";
				}

				@Override
				public List<CrmField> fields() {
					return List.of(new CrmField("apiKey", true, true, "crmPage.crmUserId", "crmPage.crmUserId"));
				}

				@Override
				public CrmCheck check(CrmConnection connection, CrmSecrets secrets) {
					return new CrmCheck.Passed(Text.literal("ok"));
				}

				@Override
				public CrmRegistrationResult register(CrmConnection connection, CrmSecrets secrets,
						CrmRegistration registration) {
					return new CrmRegistrationResult.Registered(201, "{\"success\":true}", List.of());
				}

				@Override
				public CrmDeliveryResult deliver(CrmConnection connection, CrmSecrets secrets, CrmPush push) {
					return new CrmDeliveryResult.Delivered(200, "{\"success\":true}", List.of(), List.of(), false);
				}

				@Override
				public CrmLookup responsibleFor(CrmConnection connection, CrmSecrets secrets, String e164,
						Duration budget) {
					return new CrmLookup.NotFound();
				}

				@Override
				public Optional<AgentStatus> statusOf(String crmStatus) {
					return RetailCrm.statusOf(crmStatus);
				}

			};
		}

	}

}
