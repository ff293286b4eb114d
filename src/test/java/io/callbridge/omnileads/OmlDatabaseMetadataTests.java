package io.callbridge.omnileads;

import java.util.HashMap;
import java.util.Map;

import io.callbridge.omnileads.OmlClient.Encoding;
import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' {@code campaign/database_metadata} over HTTP, case by case from OMniLeads'
 * {@code tests_api_contactos.py}: the columns of the campaign's database by Callbridge's
 * id or by external ids, and OMniLeads' 400 answers.
 */
@IntegrationTest
class OmlDatabaseMetadataTests {

	private static final String METADATA = "{\"status\":\"OK\",\"main_phone\":\"telefono\",\"external_id\":\"id_cliente\","
			+ "\"fields\":[\"telefono\",\"nombre\",\"id_cliente\"]}";

	@LocalServerPort
	int port;

	@Autowired
	OmlFixture fixture;

	private Scene scene;

	private String url;

	private Map<String, Object> own;

	@BeforeEach
	void omniLeadsWorld() {
		this.scene = this.fixture.scene();
		this.url = this.scene.base() + "campaign/database_metadata/";
		this.own = new HashMap<>(Map.of("idCampaign", String.valueOf(this.scene.campaign().id())));
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void anAssignedAgentGetsTheMetadataByCallbridgeIds(Encoding encoding) {
		assertThat(agent().post(this.url, encoding, this.own).json(200)).hasToString(METADATA);
	}

	@Test
	void anAssignedAgentGetsTheMetadataByExternalIds() {
		assertThat(agent().postJson(this.url, Map.of("idExternalSystem", this.scene.system().id(), "idCampaign", "c1"))
			.json(200)).hasToString(METADATA);
	}

	@Test
	void withoutCredentialsIs403() {
		new OmlClient(this.port).postJson(this.url, this.own)
			.detail(403, "Las credenciales de autenticación no se proveyeron.");
	}

	@Test
	void aSupervisorOfTheCampaignGetsItAndAnotherDoesNot() {
		assertThat(errors(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor()), this.own))
			.isEqualTo("{\"idCampaign\":[\"No tiene permiso para editar la campaña.\"]}");
		this.fixture.supervise(this.scene, this.scene.supervisor());
		assertThat(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.postJson(this.url, this.own)
			.json(200)).hasToString(METADATA);
		assertThat(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.admin())
			.postJson(this.url, this.own)
			.json(200)).hasToString(METADATA);
	}

	@Test
	void anAgentOfAnotherCampaignMayNot() {
		assertThat(errors(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.otherAgent()), this.own))
			.isEqualTo("{\"idCampaign\":[\"No tiene permiso para editar la campaña.\"]}");
	}

	@Test
	void anUnknownSystemAnUnknownOrInvalidCampaignAreRefused() {
		assertThat(errors(agent(), Map.of("idExternalSystem", "999999", "idCampaign", "c1")))
			.isEqualTo("{\"idExternalSystem\":[\"Sistema externo inexistente.\"]}");
		assertThat(errors(agent(), Map.of("idCampaign", "999999")))
			.isEqualTo("{\"idCampaign\":[\"Campaña inexistente.\"]}");
		assertThat(errors(agent(), Map.of("idCampaign", "abc")))
			.isEqualTo("{\"idCampaign\":[\"Debe indicar un idCampaign válido.\"]}");
		assertThat(errors(agent(), Map.of())).isEqualTo("{\"idCampaign\":[\"Debe indicar un idCampaign válido.\"]}");
		assertThat(errors(agent(), Map.of("idExternalSystem", this.scene.system().id(), "idCampaign", "c9")))
			.isEqualTo("{\"idCampaign\":[\"Campaña inexistente.\"]}");
		assertThat(errors(agent(), Map.of("idExternalSystem", this.scene.otherSystem().id(), "idCampaign", "c1")))
			.as("an external id is looked up in its own system only")
			.isEqualTo("{\"idCampaign\":[\"Campaña inexistente.\"]}");
	}

	@Test
	void errorsAreInOmniLeadsEnglishForAnEnglishReader() {
		assertThat(agent().language("en").postJson(this.url, Map.of("idCampaign", "abc")).json(400))
			.hasToString("{\"status\":\"ERROR\",\"message\":\"There were errors on received data\","
					+ "\"errors\":{\"idCampaign\":[\"You must provide a valid idCampaign\"]}}");
	}

	private OmlClient agent() {
		return OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent());
	}

	private String errors(OmlClient client, Map<String, ?> fields) {
		var answer = client.postJson(this.url, fields).json(400);
		assertThat(answer.path("status").asString()).isEqualTo("ERROR");
		assertThat(answer.path("message").asString()).isEqualTo("Hubo errores en los datos recibidos");
		return answer.path("errors").toString();
	}

}
