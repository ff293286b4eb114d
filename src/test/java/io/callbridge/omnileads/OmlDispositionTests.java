package io.callbridge.omnileads;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.callbridge.omnileads.OmlClient.Encoding;
import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.UiSession;
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
 * OMniLeads' {@code disposition} API over HTTP, case by case from OMniLeads'
 * {@code api_app/tests/tests.py}: created by Callbridge's or by external ids, one per
 * contact and campaign, hidden options refused (except kept on an update), an agent's own
 * only; exact bodies and status codes; the disposition shown on the contact and, with a
 * {@code callid}, on the call.
 */
@IntegrationTest
class OmlDispositionTests {

	private static final String OPTION_NOT_FOUND = "{\"status\":\"ERROR\",\"idDispositionOption\":\"Disposition option id not found\"}";

	@LocalServerPort
	int port;

	@Autowired
	OmlFixture fixture;

	@Autowired
	ApiClient api;

	private Scene scene;

	private OmlClient agent;

	private String url;

	@BeforeEach
	void omniLeadsWorld() {
		this.scene = this.fixture.scene();
		this.agent = OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent());
		this.url = this.scene.base() + "disposition/";
	}

	@ParameterizedTest
	@EnumSource(Encoding.class)
	void createsWithCallbridgeIds(Encoding encoding) {
		long option = this.scene.option("Venta").id();

		JsonNode created = this.agent
			.post(this.url, encoding, Map.of("idContact", this.scene.contact().id(), "idDispositionOption", option,
					"comments", "calificacion externa"))
			.json(201);

		assertThat(created)
			.hasToString("{\"id\":" + created.path("id").asLong() + ",\"idContact\":" + this.scene.contact().id()
					+ ",\"callid\":null,\"idDispositionOption\":" + option + ",\"comments\":\"calificacion externa\"}");
	}

	@Test
	void createsWithExternalIds() {
		JsonNode created = this.agent
			.postJson(this.url, Map.of("idExternalSystem", this.scene.system().id(), "idContact", "c1",
					"idDispositionOption", this.scene.option("Venta").id(), "comments", "calificacion externa"))
			.json(201);

		assertThat(created.path("idContact").asLong()).isEqualTo(this.scene.contact().id());
	}

	@Test
	void commentsDefaultToEmpty() {
		JsonNode created = this.agent
			.postJson(this.url,
					Map.of("idContact", this.scene.contact().id(), "idDispositionOption",
							this.scene.option("Venta").id()))
			.json(201);

		assertThat(created.path("comments").asString()).isEmpty();
	}

	@Test
	void aSupervisorIsRefused403() {
		OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.postJson(this.url,
					Map.of("idContact", this.scene.contact().id(), "idAgent", this.scene.agent().id(),
							"idDispositionOption", this.scene.option("Venta").id(), "comments", "x"))
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

	@Test
	void aHiddenOptionIsRefused() {
		assertThat(
				this.agent.postJson(this.url,
						Map.of("idContact", this.scene.contact().id(), "idDispositionOption",
								this.scene.option("Antigua").id(), "comments", "x"))
					.json(400))
			.hasToString(OPTION_NOT_FOUND);
		assertThat(
				this.agent
					.postJson(this.url,
							Map.of("idContact", this.scene.contact().id(), "idDispositionOption", "abc", "comments",
									"x"))
					.json(400))
			.hasToString(OPTION_NOT_FOUND);
	}

	@Test
	void aContactOutsideTheCampaignIsNotFound() {
		String notFound = "{\"status\":\"ERROR\",\"idContact\":\"Contact id not found\"}";
		long option = this.scene.option("Venta").id();

		assertThat(this.agent
			.postJson(this.url, Map.of("idContact", this.scene.outsider().id(), "idDispositionOption", option))
			.json(400)).hasToString(notFound);
		assertThat(this.agent
			.postJson(this.url,
					Map.of("idExternalSystem", this.scene.system().id(), "idContact", "c9", "idDispositionOption",
							option))
			.json(400)).hasToString(notFound);
	}

	@Test
	void aContactHasOneDispositionPerCampaign() {
		Map<String, Object> fields = Map.of("idContact", this.scene.contact().id(), "idDispositionOption",
				this.scene.option("Venta").id(), "comments", "x");
		this.agent.postJson(this.url, fields).json(201);

		assertThat(this.agent.postJson(this.url, fields).json(400)).hasToString(
				"{\"status\":\"ERROR\",\"msg\":\"There is another disposition for this contact on this campaign\"}");
	}

	@Test
	void anUpdateToAContactAlreadyDisposedIsRefused() {
		long first = create(this.scene.contact().id(), "Venta");
		create(this.scene.second().id(), "Venta");

		JsonNode refused = this.agent
			.putJson(this.url + first + "/",
					Map.of("idContact", this.scene.second().id(), "idDispositionOption",
							this.scene.option("Venta").id(), "comments", "x"))
			.json(400);

		assertThat(refused.path("status").asString()).isEqualTo("ERROR");
	}

	@Test
	void anUpdateMayKeepAnOptionHiddenSince() {
		long option = this.scene.option("Venta").id();
		long id = create(this.scene.contact().id(), "Venta");
		this.fixture.hide(this.scene, option);

		JsonNode updated = this.agent
			.putJson(this.url + id + "/", Map.of("idContact", this.scene.contact().id(), "idDispositionOption", option,
					"comments", "Nuevas observaciones"))
			.json(200);

		assertThat(updated).hasToString("{\"id\":" + id + ",\"idContact\":" + this.scene.contact().id()
				+ ",\"callid\":null,\"idDispositionOption\":" + option + ",\"comments\":\"Nuevas observaciones\"}");
	}

	@Test
	void anUpdateMayNotSwitchToAHiddenOption() {
		long id = create(this.scene.contact().id(), "Venta");

		assertThat(
				this.agent.putJson(this.url + id,
						Map.of("idContact", this.scene.contact().id(), "idDispositionOption",
								this.scene.option("Antigua").id(), "comments", "x"))
					.json(400))
			.hasToString(OPTION_NOT_FOUND);
	}

	@Test
	void anAgentSeesOnlyTheirOwnDispositions() {
		long mine = create(this.scene.contact().id(), "Venta");
		this.fixture.assign(this.scene, this.scene.otherAgent());
		OmlClient other = OmlSession.loggedIn(this.port, this.scene.base(), this.scene.otherAgent());
		long theirs = other
			.postJson(this.url,
					Map.of("idContact", this.scene.second().id(), "idDispositionOption",
							this.scene.option("Venta").id()))
			.json(201)
			.path("id")
			.asLong();

		JsonNode list = this.agent.get(this.url).json(200);

		assertThat(list.size()).isEqualTo(1);
		assertThat(list.path(0).path("id").asLong()).isEqualTo(mine);
		assertThat(this.agent.get(this.url + mine + "/").json(200).path("id").asLong()).isEqualTo(mine);
		this.agent.get(this.url + theirs + "/").detail(404, "No encontrado.");
		this.agent
			.putJson(this.url + theirs + "/",
					Map.of("idContact", this.scene.second().id(), "idDispositionOption",
							this.scene.option("Venta").id()))
			.detail(404, "No encontrado.");
	}

	@Test
	void dispositionsAreNeverDeleted() {
		long id = create(this.scene.contact().id(), "Venta");

		this.agent.delete(this.url + id + "/").detail(405, "Método \"DELETE\" no permitido.");
	}

	@Test
	void aDispositionWithTheCallsIdShowsOnTheCallAndOnTheContact() {
		Map<String, Object> call = new HashMap<>(Map.of("idCampaign", String.valueOf(this.scene.campaign().id()),
				"idAgent", String.valueOf(this.scene.agent().id()), "idContact",
				String.valueOf(this.scene.contact().id()), "phone", "612000111"));
		assertThat(this.agent.postJson(this.scene.base() + "makeCall/", call).json(200).path("status").asString())
			.isEqualTo("OK");
		long callId = await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> this.api.as(this.scene.agent().token())
				.get("/api/v1/calls?campaignId={id}", this.scene.campaign().id())
				.json(200)
				.path("items")
				.path(0), (found) -> !found.isMissingNode() && !found.path("agentId").isNull())
			.path("id")
			.asLong();

		JsonNode created = this.agent.postJson(this.url,
				Map.of("idContact", this.scene.contact().id(), "idDispositionOption", this.scene.option("Venta").id(),
						"comments", "Quiere el plan anual", "callid", String.valueOf(callId)))
			.json(201);

		assertThat(created.path("callid").asString()).isEqualTo(String.valueOf(callId));
		JsonNode disposition = this.api.as(this.scene.agent().token())
			.get("/api/v1/calls/{id}", callId)
			.json(200)
			.path("disposition");
		assertThat(disposition.path("outcome").asString()).isEqualTo("interested");
		assertThat(disposition.path("notes").asString()).isEqualTo("Quiere el plan anual");
		UiSession ui = UiSession.logIn(this.port, this.scene.agent().organisation(), this.scene.agent().username(),
				this.scene.agent().password());
		assertThat(ui.get("/campaigns/contacts/" + this.scene.contact().id() + "/dispositions").body())
			.contains("Venta")
			.contains("Quiere el plan anual");
	}

	private long create(long contactId, String option) {
		return this.agent
			.postJson(this.url,
					Map.of("idContact", contactId, "idDispositionOption", this.scene.option(option).id(), "comments",
							"x"))
			.json(201)
			.path("id")
			.asLong();
	}

}
