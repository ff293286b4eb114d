package io.callbridge.omnileads;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.callbridge.omnileads.OmlClient.Encoding;
import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OMniLeads' {@code makeCall} over HTTP: every case of OMniLeads'
 * {@code tests_api_click2call.py} (always 200, OMniLeads' error shapes), by Callbridge's
 * ids and by an external system's, in JSON, form and multipart bodies; the call placed
 * through the sandbox ending in the history with its campaign, agent and contact.
 */
@IntegrationTest
class OmlMakeCallTests {

	private static final String INVALID_CHOICE = "Escoja una opción válida. Esa opción no está entre las disponibles.";

	@LocalServerPort
	int port;

	@Autowired
	OmlFixture fixture;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	private Scene scene;

	private OmlClient agent;

	private Map<String, Object> own;

	private Map<String, Object> external;

	@BeforeEach
	void omniLeadsWorld() {
		this.scene = this.fixture.scene();
		this.agent = OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent());
		this.own = new HashMap<>(Map.of("idCampaign", String.valueOf(this.scene.campaign().id()), "idAgent",
				String.valueOf(this.scene.agent().id()), "idContact", String.valueOf(this.scene.contact().id()),
				"phone", "612000111"));
		this.external = new HashMap<>(Map.of("idExternalSystem", String.valueOf(this.scene.system().id()), "idCampaign",
				"c1", "idAgent", "id_ag_1", "idContact", "c1", "phone", "612000111"));
	}

	@Test
	void ownIdsOfAnUnknownCampaign() {
		this.own.put("idCampaign", this.scene.campaign().id() + "000");
		assertThat(errors(this.own)).hasToString("{\"idCampaign\":[\"" + INVALID_CHOICE + "\"]}");
	}

	@Test
	void ownIdsOfAnUnknownAgent() {
		this.own.put("idAgent", this.scene.agent().id() + "000");
		assertThat(errors(this.own)).hasToString("{\"idAgent\":[\"" + INVALID_CHOICE + "\"]}");
	}

	@Test
	void ownIdsOfAnUnknownContact() {
		this.own.put("idContact", this.scene.contact().id() + "000");
		assertThat(errors(this.own)).hasToString("{\"idContact\":[\"" + INVALID_CHOICE + "\"]}");
	}

	@Test
	void ownIdsOfAnAgentNotInTheCampaign() {
		this.own.put("idAgent", String.valueOf(this.scene.otherAgent().id()));
		assertThat(errors(this.own)).hasToString("{\"idAgent\":[\"El agente no participa en la campaña.\"]}");
	}

	@Test
	void ownIdsOfAContactNotInTheCampaign() {
		this.own.put("idContact", String.valueOf(this.scene.outsider().id()));
		assertThat(errors(this.own)).hasToString("{\"idContact\":[\"El contacto no corresponde a la campaña.\"]}");
	}

	@Test
	void externalIdsOfAnUnknownSystem() {
		this.external.put("idExternalSystem", this.scene.system().id() + "000");
		assertThat(errors(this.external)).hasToString("{\"idExternalSystem\":[\"Sistema externo inexistente.\"]}");
	}

	@Test
	void externalIdsOfAnUnknownCampaign() {
		this.external.put("idCampaign", "c1000");
		assertThat(errors(this.external)).hasToString("{\"idCampaign\":[\"" + INVALID_CHOICE + "\"]}");
	}

	@Test
	void externalIdsOfAnUnknownAgent() {
		this.external.put("idAgent", "id_ag_1000");
		assertThat(errors(this.external))
			.hasToString("{\"idAgent\":[\"El agente no corresponde al sistema externo.\"]}");
	}

	@Test
	void externalIdsOfAnAgentOfAnotherSystem() {
		this.external.put("idAgent", "id_ag_2");
		assertThat(errors(this.external))
			.hasToString("{\"idAgent\":[\"El agente no corresponde al sistema externo.\"]}");
	}

	@Test
	void externalIdsOfAnAgentOfTheSystemNotInTheCampaign() {
		this.external.put("idCampaign", "c2");
		assertThat(errors(this.external)).hasToString("{\"idAgent\":[\"El agente no participa en la campaña.\"]}");
	}

	@Test
	void externalIdsOfAnUnknownContactCallWithoutContact() {
		this.external.put("idContact", "c1000");
		// a number no contact has, so the call is not matched to one by its number
		this.external.put("phone", "612000199");
		JsonNode call = placed(this.external);
		assertThat(call.path("contactId").isNull()).isTrue();
	}

	@Test
	void externalIdsWithoutContactCall() {
		this.external.remove("idContact");
		placed(this.external);
	}

	@Test
	void externalIdsCallTheContact() {
		JsonNode call = placed(this.external);
		assertThat(call.path("contactId").asLong()).isEqualTo(this.scene.contact().id());
	}

	@Test
	void ownIdsWithoutContactCall() {
		this.own.remove("idContact");
		placed(this.own);
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void ownIdsCallThroughTheSandboxAndTheCallEndsInTheHistoryWithCampaignAgentAndContact(Encoding encoding) {
		assertThat(this.agent.post(this.scene.base() + "makeCall/", encoding, this.own).json(200))
			.hasToString("{\"status\":\"OK\"}");

		JsonNode call = awaitCall();
		assertThat(call.path("campaignId").asLong()).isEqualTo(this.scene.campaign().id());
		assertThat(call.path("agentId").asLong()).isEqualTo(this.scene.agent().id());
		assertThat(call.path("originatedBy").asLong()).isEqualTo(this.scene.agent().id());
		assertThat(call.path("contactId").asLong()).isEqualTo(this.scene.contact().id());
		assertThat(call.path("externalNumber").asString()).isEqualTo("+34612000111");
		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
	}

	@Test
	void everyMissingFieldIsReportedAt200() {
		JsonNode answer = this.agent.postJson(this.scene.base() + "makeCall", Map.of()).json(200);
		assertThat(answer).hasToString("{\"status\":\"ERROR\",\"message\":\"Hubo errores en los datos recibidos\","
				+ "\"errors\":{\"phone\":[\"Este campo es obligatorio.\"],\"idCampaign\":[\"Este campo es obligatorio.\"],"
				+ "\"idAgent\":[\"Este campo es obligatorio.\"]}}");
	}

	@Test
	void errorsAreInOmniLeadsEnglishForAnEnglishReader() {
		this.own.put("idAgent", String.valueOf(this.scene.otherAgent().id()));
		assertThat(this.agent.language("en").postJson(this.scene.base() + "makeCall/", this.own).json(200))
			.hasToString("{\"status\":\"ERROR\",\"message\":\"There were errors on received data\","
					+ "\"errors\":{\"idAgent\":[\"The agent is not related to campaign\"]}}");
	}

	@Test
	void anInvalidNumberIsAPhoneError() {
		this.own.put("phone", "12");
		JsonNode errors = errors(this.own);
		assertThat(errors.propertyNames()).containsExactly("phone");
		assertThat(errors.path("phone").path(0).asString()).isNotBlank();
	}

	@Test
	void anAgentWithoutExtensionGetsTheCallError() {
		TestUser noPhone = this.data.anyUser(this.scene.tenantId(), io.callbridge.shared.Role.AGENT);
		this.fixture.assign(this.scene, noPhone);
		this.own.put("idAgent", String.valueOf(noPhone.id()));
		JsonNode answer = OmlSession.loggedIn(this.port, this.scene.base(), noPhone)
			.postJson(this.scene.base() + "makeCall/", this.own)
			.json(200);
		assertThat(answer.path("status").asString()).isEqualTo("ERROR");
		assertThat(answer.path("message").asString()).isEqualTo("Error al ejecutar la llamada");
		assertThat(answer.path("errors").isArray()).isTrue();
		assertThat(answer.path("errors").path(0).asString()).isNotBlank();
	}

	@Test
	void aSupervisorOfNoCampaignIsRefused403() {
		OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.postJson(this.scene.base() + "makeCall/", this.own)
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

	@Test
	void anAgentMayNotCallForAnotherAgent() {
		this.fixture.assign(this.scene, this.scene.otherAgent());
		this.own.put("idAgent", String.valueOf(this.scene.otherAgent().id()));
		assertThat(errors(this.own))
			.hasToString("{\"idAgent\":[\"El agente no corresponde al usuario autenticado.\"]}");
	}

	private JsonNode errors(Map<String, Object> fields) {
		JsonNode answer = this.agent.postJson(this.scene.base() + "makeCall/", fields).json(200);
		assertThat(answer.path("status").asString()).isEqualTo("ERROR");
		assertThat(answer.path("message").asString()).isEqualTo("Hubo errores en los datos recibidos");
		return answer.path("errors");
	}

	private JsonNode placed(Map<String, Object> fields) {
		assertThat(this.agent.postJson(this.scene.base() + "makeCall/", fields).json(200))
			.hasToString("{\"status\":\"OK\"}");
		return awaitCall();
	}

	private JsonNode awaitCall() {
		return await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.api.as(this.scene.agent().token())
				.get("/api/v1/calls?campaignId={id}", this.scene.campaign().id())
				.json(200)
				.path("items")
				.path(0),
					(call) -> !call.isMissingNode() && !call.path("originatedBy").isNull()
							&& !call.path("agentId").isNull());
	}

}
