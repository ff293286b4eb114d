package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.contacts.ContactDatabases;
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
 * OMniLeads' {@code new_contact/disposition} over HTTP, case by case from OMniLeads'
 * {@code api_app/tests/tests.py}: the contact created in the option's campaign database
 * with its external id and data columns, then disposed; hidden options, repeated external
 * ids and invalid contact data refused with OMniLeads' literal answers.
 */
@IntegrationTest
class OmlNewContactDispositionTests {

	@LocalServerPort
	int port;

	@Autowired
	OmlFixture fixture;

	@Autowired
	ContactDatabases databases;

	private Scene scene;

	private String url;

	private Map<String, Object> fields;

	@BeforeEach
	void omniLeadsWorld() {
		this.scene = this.fixture.scene();
		this.url = this.scene.base() + "new_contact/disposition/";
		this.fields = new LinkedHashMap<>(Map.of("phone", "612000501", "idExternalContact", "contacto_externo_1",
				"idDispositionOption", this.scene.option("Venta").id(), "comments", "calificacion externa", "nombre",
				"Nuevo Cliente"));
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void createsTheContactAndItsDisposition(Encoding encoding) {
		JsonNode created = agent().post(this.url, encoding, this.fields).json(201);

		assertThat(created.propertyNames()).containsExactly("id", "callid", "idDispositionOption", "comments");
		assertThat(created.path("idDispositionOption").asLong()).isEqualTo(this.scene.option("Venta").id());
		assertThat(created.path("comments").asString()).isEqualTo("calificacion externa");
		long contact = this.databases
			.contactByExternalId(this.scene.tenantId(), this.scene.database().id(), "contacto_externo_1")
			.orElseThrow();
		assertThat(this.databases.entryOf(this.scene.tenantId(), contact).orElseThrow().values())
			.containsEntry("nombre", "Nuevo Cliente");
		assertThat(agent().get(this.scene.base() + "disposition/").json(200).path(0).path("idContact").asLong())
			.isEqualTo(contact);
	}

	@Test
	void withoutAnExternalIdTheContactHasNone() {
		this.fields.put("idExternalContact", "");

		agent().postJson(this.url, this.fields).json(201);
	}

	@Test
	void aHiddenOptionIsRefusedAndNothingIsCreated() {
		this.fields.put("idDispositionOption", this.scene.option("Antigua").id());

		assertThat(agent().postJson(this.url, this.fields).json(400))
			.hasToString("{\"status\":\"ERROR\",\"idDispositionOption\":\"Disposition option id not found\"}");
		assertThat(this.databases.contactByExternalId(this.scene.tenantId(), this.scene.database().id(),
				"contacto_externo_1"))
			.isEmpty();
	}

	@Test
	void aRepeatedExternalIdIsRefused() {
		this.fields.put("idExternalContact", "c1");

		assertThat(agent().postJson(this.url, this.fields).json(400)).hasToString(
				"{\"status\":\"ERROR\",\"idExternalContact\":\"There is another contact with this external id on this database\"}");
	}

	@Test
	void invalidContactDataIsRefused() {
		this.fields.put("phone", "12");

		assertThat(agent().postJson(this.url, this.fields).json(400))
			.hasToString("{\"status\":\"ERROR\",\"contacto\":\"Contact data is invalid\"}");
	}

	@Test
	void aSupervisorIsRefused403() {
		OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.postJson(this.url, this.fields)
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

	@Test
	void aDataColumnCalledTelefonoIsSentUnderOmniLeadsInputName() {
		assertThat(NewContactDispositionController.inputName("teléfono")).isEqualTo("input_telefono_en_datos_OML");
		assertThat(NewContactDispositionController.inputName("Dirección")).isEqualTo("Direccion");
	}

	private OmlClient agent() {
		return OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent());
	}

}
