package io.callbridge.omnileads;

import java.util.List;
import java.util.Map;

import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' external systems API over HTTP, case by case from OMniLeads'
 * {@code tests_api_external_systems.py} (list, detail, create, update replacing the
 * agents' rows), plus the 500s OMniLeads answers for an unknown system and the 400s
 * Callbridge answers where OMniLeads fails.
 */
@IntegrationTest
class OmlExternalSystemsTests {

	@LocalServerPort
	int port;

	@Autowired
	OmlFixture fixture;

	private Scene scene;

	private OmlClient supervisor;

	@BeforeEach
	void omniLeadsWorld() {
		this.scene = this.fixture.scene();
		this.supervisor = OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor());
	}

	@Test
	void listsTheSystemsWithTheirAgents() {
		JsonNode answer = this.supervisor.get(this.scene.base() + "external_systems/").json(200);

		assertThat(answer.path("status").asString()).isEqualTo("SUCCESS");
		assertThat(answer.path("message").asString()).isEqualTo("Se obtuvieron los sistemas externos de forma exitosa");
		JsonNode first = answer.path("externalSystems").path(0);
		assertThat(first.path("id").asLong()).isEqualTo(this.scene.system().id());
		assertThat(first.path("nombre").asString()).isEqualTo(this.scene.system().name());
		assertThat(first.path("agentes").path(0).path("agente").asLong()).isEqualTo(this.scene.agent().id());
		assertThat(first.path("agentes").path(0).path("id_externo_agente").asString()).isEqualTo("id_ag_1");
	}

	@Test
	void detailsASystem() {
		JsonNode answer = this.supervisor.get(this.scene.base() + "external_systems/" + this.scene.system().id() + "/")
			.json(200);

		assertThat(answer.path("status").asString()).isEqualTo("SUCCESS");
		assertThat(answer.path("message").asString())
			.isEqualTo("Se obtuvo la informacion del sistema externo de forma exitosa");
		assertThat(answer.path("externalSystem").path("id").asLong()).isEqualTo(this.scene.system().id());
		assertThat(answer.path("externalSystem").path("nombre").asString()).isEqualTo(this.scene.system().name());
	}

	@Test
	void createsASystem() {
		JsonNode answer = this.supervisor
			.postJson(this.scene.base() + "external_systems/create/",
					Map.of("nombre", "External System New", "agentes",
							List.of(Map.of("id_externo_agente", "ID 1", "agente", this.scene.agent().id()),
									Map.of("id_externo_agente", "ID 2", "agente", this.scene.otherAgent().id()))))
			.json(200);

		assertThat(answer).hasToString(
				"{\"status\":\"SUCCESS\",\"errors\":{},\"message\":\"Se creo el sistema externo de forma exitosa\"}");
		JsonNode listed = this.supervisor.get(this.scene.base() + "external_systems").json(200).path("externalSystems");
		assertThat(listed.valueStream().map((s) -> s.path("nombre").asString())).contains("External System New");
	}

	@Test
	void updatesASystemKeepingAddingAndDroppingRows() {
		long rowId = this.supervisor.get(this.scene.base() + "external_systems/" + this.scene.system().id())
			.json(200)
			.path("externalSystem")
			.path("agentes")
			.path(0)
			.path("id")
			.asLong();

		JsonNode answer = this.supervisor
			.putJson(this.scene.base() + "external_systems/" + this.scene.system().id() + "/update/", Map.of("nombre",
					"External Systema Edit", "agentes",
					List.of(Map.of("id", rowId, "id_externo_agente", "ID Edit", "agente", this.scene.agent().id()),
							Map.of("id_externo_agente", "ID New 2", "agente", this.scene.otherAgent().id()))))
			.json(200);

		assertThat(answer.path("message").asString()).isEqualTo("Se actualizo el sistema externo de forma exitosa");
		JsonNode system = this.supervisor.get(this.scene.base() + "external_systems/" + this.scene.system().id() + "/")
			.json(200)
			.path("externalSystem");
		assertThat(system.path("nombre").asString()).isEqualTo("External Systema Edit");
		assertThat(system.path("agentes").valueStream().map((a) -> a.path("id_externo_agente").asString()))
			.containsExactlyInAnyOrder("ID Edit", "ID New 2");
		this.supervisor
			.putJson(this.scene.base() + "external_systems/" + this.scene.system().id() + "/update/",
					Map.of("nombre", "External Systema Edit", "agentes", List.of()))
			.json(200);
		assertThat(this.supervisor.get(this.scene.base() + "external_systems/" + this.scene.system().id() + "/")
			.json(200)
			.path("externalSystem")
			.path("agentes")).isEmpty();
	}

	@Test
	void anUnknownSystemIsOmniLeads500() {
		assertThat(this.supervisor.get(this.scene.base() + "external_systems/999999/").json(500)).hasToString(
				"{\"status\":\"ERROR\",\"message\":\"No existe el sistema externo para obtener el detalle\",\"externalSystem\":null}");
		assertThat(this.supervisor
			.putJson(this.scene.base() + "external_systems/999999/update/", Map.of("nombre", "x", "agentes", List.of()))
			.json(500)).hasToString(
					"{\"status\":\"ERROR\",\"errors\":{},\"message\":\"No existe el sistema externo que se quiere actualizar\"}");
	}

	@Test
	void missingFieldsAndRepeatedIdsAre400() {
		JsonNode missing = this.supervisor.postJson(this.scene.base() + "external_systems/create/", Map.of()).json(400);
		assertThat(missing.path("status").asString()).isEqualTo("ERROR");
		assertThat(missing.path("errors"))
			.hasToString("{\"nombre\":[\"Este campo es obligatorio.\"],\"agentes\":[\"Este campo es obligatorio.\"]}");
		assertThat(missing.path("message").asString())
			.isEqualTo("{\"nombre\": [\"Este campo es obligatorio.\"], \"agentes\": [\"Este campo es obligatorio.\"]}");
		JsonNode repeated = this.supervisor
			.postJson(this.scene.base() + "external_systems/create/",
					Map.of("nombre", "Con repetidos", "agentes",
							List.of(Map.of("id_externo_agente", "ID 1", "agente", this.scene.agent().id()),
									Map.of("id_externo_agente", "ID 1", "agente", this.scene.otherAgent().id()))))
			.json(400);
		assertThat(repeated.path("errors").propertyNames()).containsExactly("agentes");
	}

	@Test
	void agentsMayNotManageSystems() {
		OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent())
			.get(this.scene.base() + "external_systems/")
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

}
