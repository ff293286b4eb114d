package io.callbridge.omnileads;

import io.callbridge.omnileads.OmlFixture.Scene;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' {@code campaign/{id}/dispositionOptions[/{idExternalSystem}]} over HTTP:
 * every option of the campaign, hidden ones too, in order; 404 for what does not exist;
 * agents only.
 */
@IntegrationTest
class OmlDispositionOptionsTests {

	@LocalServerPort
	int port;

	@Autowired
	OmlFixture fixture;

	private Scene scene;

	private OmlClient agent;

	private String expected;

	@BeforeEach
	void omniLeadsWorld() {
		this.scene = this.fixture.scene();
		this.agent = OmlSession.loggedIn(this.port, this.scene.base(), this.scene.agent());
		this.expected = "[{\"id\":" + this.scene.option("Venta").id() + ",\"name\":\"Venta\",\"hidden\":false},"
				+ "{\"id\":" + this.scene.option("No interesa").id() + ",\"name\":\"No interesa\",\"hidden\":false},"
				+ "{\"id\":" + this.scene.option("Antigua").id() + ",\"name\":\"Antigua\",\"hidden\":true}]";
	}

	@Test
	void listsEveryOptionByCallbridgesCampaignId() {
		assertThat(this.agent.get(this.scene.base() + "campaign/" + this.scene.campaign().id() + "/dispositionOptions/")
			.json(200)).hasToString(this.expected);
		assertThat(this.agent.get(this.scene.base() + "campaign/" + this.scene.campaign().id() + "/dispositionOptions")
			.json(200)).hasToString(this.expected);
	}

	@Test
	void listsEveryOptionByExternalIds() {
		assertThat(
				this.agent.get(this.scene.base() + "campaign/c1/dispositionOptions/" + this.scene.system().id() + "/")
					.json(200))
			.hasToString(this.expected);
	}

	@Test
	void unknownCampaignsAndSystemsAre404() {
		this.agent.get(this.scene.base() + "campaign/999999/dispositionOptions/").detail(404, "No encontrado.");
		this.agent.get(this.scene.base() + "campaign/c1/dispositionOptions/").detail(404, "No encontrado.");
		this.agent.get(this.scene.base() + "campaign/c9/dispositionOptions/" + this.scene.system().id() + "/")
			.detail(404, "No encontrado.");
		this.agent.get(this.scene.base() + "campaign/c1/dispositionOptions/999999/").detail(404, "No encontrado.");
		this.agent.get(this.scene.base() + "campaign/c1/dispositionOptions/abc/").detail(404, "No encontrado.");
		this.agent.get(this.scene.base() + "campaign/c1/dispositionOptions/" + this.scene.otherSystem().id() + "/")
			.detail(404, "No encontrado.");
	}

	@Test
	void aSupervisorOfNoCampaignIsRefused() {
		OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.get(this.scene.base() + "campaign/" + this.scene.campaign().id() + "/dispositionOptions/")
			.detail(403, "Usted no tiene permiso para realizar esta acción.");
	}

	@Test
	void aSupervisorAssignedAsAgentMayUseTheAgentEndpoints() {
		this.fixture.assign(this.scene, this.scene.supervisor());
		assertThat(OmlSession.loggedIn(this.port, this.scene.base(), this.scene.supervisor())
			.get(this.scene.base() + "campaign/" + this.scene.campaign().id() + "/dispositionOptions/")
			.json(200)).hasToString(this.expected);
	}

}
