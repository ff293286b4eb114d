package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.omnileads.OmlClient.Encoding;
import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' {@code new_contact} over HTTP, case by case from OMniLeads'
 * {@code tests_api_contactos.py}: a contact added to the campaign's database by
 * Callbridge's id or by external ids (JSON, form and multipart), and OMniLeads' 400
 * answers.
 */
@IntegrationTest
class OmlNewContactTests {

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
		this.url = this.scene.base() + "new_contact/";
		this.own = new LinkedHashMap<>(Map.of("idCampaign", String.valueOf(this.scene.campaign().id()), "telefono",
				"612000401", "nombre", "nombre"));
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void anAssignedAgentAddsAContactByCallbridgeIds(Encoding encoding) {
		JsonNode answer = agent().post(this.url, encoding, this.own).json(200);

		assertThat(answer)
			.hasToString("{\"status\":\"OK\",\"message\":\"Contacto agregado\",\"id\":" + answer.path("id").asLong()
					+ ",\"contacto\":{\"telefono\":\"" + answer.path("contacto").path("telefono").asString()
					+ "\",\"nombre\":\"nombre\",\"id_cliente\":null}}");
		assertThat(answer.path("contacto").path("telefono").asString()).endsWith("612000401");
	}

	@Test
	void anAssignedAgentAddsAContactByExternalIds() {
		JsonNode answer = agent()
			.postJson(this.url, Map.of("idExternalSystem", this.scene.system().id(), "idCampaign", "c1", "telefono",
					"612000402", "nombre", "nombre", "id_cliente", "c3"))
			.json(200);

		assertThat(answer.path("contacto").path("id_cliente").asString()).isEqualTo("c3");
	}

	@Test
	void aRepeatedExternalIdIsRefused() {
		JsonNode answer = agent()
			.postJson(this.url, Map.of("idExternalSystem", this.scene.system().id(), "idCampaign", "c1", "telefono",
					"612000403", "nombre", "nombre", "id_cliente", "c1"))
			.json(400);

		assertThat(answer).hasToString("{\"status\":\"ERROR\",\"message\":\"Hubo errores en los datos recibidos\","
				+ "\"errors\":{\"id_cliente\":[\"Ya existe un contacto con ese id externo en la base de datos\"]}}");
	}

	@Test
	void theMainPhoneIsRequired() {
		this.own.remove("telefono");

		assertThat(agent().postJson(this.url, this.own).json(400))
			.hasToString("{\"status\":\"ERROR\",\"message\":\"El campo es obligatorio\",\"errors\":\"telefono\"}");
	}

	@Test
	void unknownFieldsAreRefused() {
		this.own.put("TELEFONO2", "123");

		assertThat(agent().postJson(this.url, this.own).json(400)).hasToString(
				"{\"status\":\"ERROR\",\"message\":\"Se recibieron campos incorrectos\",\"errors\":[\"TELEFONO2\"]}");
	}

	@Test
	void aSupervisorNotOfTheCampaignAndAnAgentOfAnotherMayNot() {
		String refused = "{\"status\":\"ERROR\",\"message\":\"Hubo errores en los datos recibidos\","
				+ "\"errors\":{\"idCampaign\":[\"No tiene permiso para editar la campaña.\"]}}";
		assertThat(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.postJson(this.url, this.own)
			.json(400)).hasToString(refused);
		assertThat(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.otherAgent())
			.postJson(this.url, this.own)
			.json(400)).hasToString(refused);
	}

	@Test
	void anInvalidPhoneIsRefusedOnItsColumn() {
		this.own.put("telefono", "12");

		JsonNode errors = agent().postJson(this.url, this.own).json(400).path("errors");

		assertThat(errors.propertyNames()).containsExactly("telefono");
	}

	@Test
	void aNulInAJsonFieldIsRefusedOnItsFieldAsDjangoDoes() {
		this.own.put("nombre", "nom\0bre");

		assertThat(agent().postJson(this.url, this.own).json(400))
			.hasToString("{\"nombre\":[\"No se permiten caracteres nulos.\"]}");
		assertThat(agent().language("en").postJson(this.url, this.own).json(400))
			.hasToString("{\"nombre\":[\"Null characters are not allowed.\"]}");
	}

	@ParameterizedTest
	@EnumSource(value = Encoding.class, names = { "FORM", "MULTIPART" })
	void aNulInAFormFieldIsRefusedNamingIt(Encoding encoding) {
		this.own.put("nombre", "nom\0bre");

		JsonNode answer = agent().post(this.url, encoding, this.own).json(400);

		assertThat(answer.path("detail").asString()).contains("'nombre'").contains("U+0000");
	}

	private OmlClient agent() {
		return OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent());
	}

}
