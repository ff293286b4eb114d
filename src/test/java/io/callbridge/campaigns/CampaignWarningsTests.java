package io.callbridge.campaigns;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' warnings: a campaign linked to an external system is saved despite agents
 * without an ID there, a contact database or external site used by a campaign of another
 * system; an edited system warns of its campaigns' agents left without an ID. Shown as
 * {@code warnings} in the API's answer and as a banner on the page.
 */
@IntegrationTest
@Import(CampaignWarningsTests.EverySiteFits.class)
class CampaignWarningsTests {

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	CampaignFixture fixture;

	@Autowired
	ExternalSystems systems;

	private long tenant;

	private TestUser supervisor;

	private TestUser ana;

	private long database;

	private long crm;

	private long erp;

	@BeforeEach
	void createTenant() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.ana = this.data.anyUser(this.tenant, Role.AGENT);
		this.database = this.fixture.anyDatabase(this.tenant, "Customers", "id_cliente");
		this.crm = this.systems.save(this.tenant, null, "CRM", List.of(AgentLink.of(this.ana.id(), "a-1")))
			.system()
			.id();
		this.erp = this.systems.save(this.tenant, null, "ERP", List.of()).system().id();
	}

	@Test
	void agentsWithoutAnIdInTheSystemAreNamed() {
		TestUser luis = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode saved = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", linked("Sales", this.crm, "1", null, List.of(this.ana.id(), luis.id())))
			.json(201);

		assertThat(saved.path("warnings").get(0).asString()).isEqualTo(
				"The campaign has agents without an ID in the external system: " + luis.agent().displayName() + ".");
		assertThat(saved.path("warnings")).hasSize(1);
	}

	@Test
	void aDatabaseUsedWithAnotherSystemIsWarnedOf() {
		this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", linked("CRM sales", this.crm, "1", null, List.of()))
			.json(201);

		JsonNode sameSystem = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", linked("CRM sales 2", this.crm, "2", null, List.of()))
			.json(201);
		JsonNode saved = this.api.as(this.supervisor.token())
			.speaking("es")
			.post("/api/v1/campaigns", linked("ERP sales", this.erp, "1", null, List.of()))
			.json(201);

		assertThat(saved.path("warnings").get(0).asString())
			.isEqualTo("La base de datos seleccionada esta asociada a otro sistema externo.");
		assertThat(sameSystem.path("warnings")).isEmpty();
	}

	@Test
	void aSiteUsedWithAnotherSystemIsWarnedOf() {
		this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", linked("CRM sales", this.crm, "1", 42L, List.of()))
			.json(201);

		JsonNode saved = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", linked("ERP sales", this.erp, "1", 42L, List.of()))
			.json(201);

		assertThat(saved.path("warnings").toString())
			.contains("The selected external site is used by a campaign of another external system.");
	}

	@Test
	void unlinkedCampaignsHaveNoWarnings() {
		TestUser luis = this.data.anyUser(this.tenant, Role.AGENT);

		JsonNode saved = this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns",
					Map.of("name", "Plain", "type", "MANUAL", "contactDatabaseId", this.database, "agentIds",
							List.of(luis.id())))
			.json(201);

		assertThat(saved.path("warnings")).isEmpty();
	}

	@Test
	void editingASystemWarnsOfItsCampaignsAgentsLeftWithoutAnId() {
		this.api.as(this.supervisor.token())
			.post("/api/v1/campaigns", linked("Sales", this.crm, "1", null, List.of(this.ana.id())))
			.json(201);

		JsonNode saved = this.api.as(this.supervisor.token())
			.put("/api/v1/external-systems/{id}", Map.of("name", "CRM", "agents", List.of()), this.crm)
			.json(200);

		assertThat(saved.path("warnings").get(0).asString())
			.isEqualTo("These agents are assigned to campaigns of this external system and have no identifier: "
					+ this.ana.agent().displayName());
	}

	@Test
	void thePageShowsTheWarningsAsABanner() {
		TestUser luis = this.data.anyUser(this.tenant, Role.AGENT);
		UiSession page = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		page.get("/admin/campaigns/new?lang=es");
		Map<String, String> form = new HashMap<>();
		form.put("name", "Ventas");
		form.put("type", "MANUAL");
		form.put("state", "ACTIVE");
		form.put("interaction", "FORM");
		form.put("contactDatabaseId", String.valueOf(this.database));
		form.put("externalSystemId", String.valueOf(this.crm));
		form.put("externalId", "9");
		form.put("agentIds", String.valueOf(luis.id()));

		HttpResponse<String> saved = page.postForm("/admin/campaigns", form);
		String location = saved.headers().firstValue("Location").orElseThrow();
		String shown = page.get(location.replaceFirst("^https?://[^/]+", "")).body();

		assertThat(saved.statusCode()).isEqualTo(302);
		assertThat(shown).contains("id=\"link-warnings\"")
			.contains("La campaña tiene agentes no asociados al sistema externo: " + luis.agent().displayName());
	}

	@Test
	void thePageShowsLinkingErrorsByTheirFields() {
		long plain = this.fixture.anyDatabase(this.tenant, "Plain", null);
		UiSession page = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password());
		page.get("/admin/campaigns/new");

		HttpResponse<String> refused = page.postForm("/admin/campaigns",
				Map.of("name", "Sales", "type", "MANUAL", "interaction", "FORM", "contactDatabaseId",
						String.valueOf(plain), "externalSystemId", String.valueOf(this.crm)));

		assertThat(refused.statusCode()).isEqualTo(422);
		assertThat(refused.body())
			.contains("A campaign linked to an external system needs a contact database with an external ID column.");
	}

	private Map<String, Object> linked(String name, long system, String externalId, Long site, List<Long> agents) {
		Map<String, Object> body = new HashMap<>();
		body.put("name", name);
		body.put("type", "MANUAL");
		body.put("contactDatabaseId", this.database);
		body.put("externalSystemId", system);
		body.put("externalId", externalId);
		body.put("agentIds", agents);
		if (site != null) {
			body.put("interaction", "FORM_SITE");
			body.put("externalSiteId", site);
		}
		return body;
	}

	/** Stands in for external sites (a later piece of work): every site fits. */
	@TestConfiguration
	static class EverySiteFits {

		@Bean
		@Primary
		ExternalSiteRules everySiteFits() {
			return (tenantId, interaction, siteId) -> List.of();
		}

	}

}
