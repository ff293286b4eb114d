package io.callbridge.campaigns.sites;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.campaigns.CampaignCommand;
import io.callbridge.campaigns.CampaignFixture;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.Interaction;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native API of external sites, their authentications and campaigns' CRM parameters:
 * OMniLeads' refusals as problems in Spanish and English, a site a campaign uses cannot
 * be deleted (409, OMniLeads' message), a server-side site gets a managed endpoint the
 * webhooks API neither lists nor lets change, and a password is stored encrypted and
 * never returned.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.webhooks.allow-private-targets=true",
		"callbridge.webhooks.retry-schedule=300ms,300ms,300ms,300ms,300ms" })
class ExternalSitesApiTests {

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	Campaigns campaigns;

	@Autowired
	JdbcClient jdbc;

	private long tenant;

	private TestUser supervisor;

	private TestUser admin;

	@BeforeEach
	void tenant() {
		this.tenant = this.data.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.admin = this.data.anyUser(this.tenant, Role.ADMIN);
	}

	@Test
	void refusesASiteWithOmniLeadsMessagesInSpanishAndEnglish() {
		Map<String, Object> site = site("CRM", "AUTOMATIC", "GET", null, null);
		site.put("format", "JSON");

		JsonNode spanish = this.api.as(this.supervisor.token())
			.speaking("es")
			.post("/api/v1/external-sites", site)
			.problem(422, "invalid-input");
		JsonNode english = this.api.as(this.supervisor.token())
			.post("/api/v1/external-sites", site)
			.problem(422, "invalid-input");

		assertThat(spanish.path("errors").findValuesAsString("field")).containsExactly("format", "target");
		assertThat(spanish.path("errors").findValuesAsString("message"))
			.containsExactly("Si el método es GET, no debe indicarse formato", "Debe indicar un objetivo válido.");
		assertThat(english.path("errors").findValuesAsString("message"))
			.containsExactly("If the method is GET, no format may be given.", "Choose a valid target.");
	}

	@Test
	void aSiteUsedByACampaignCannotBeDeleted() {
		long site = this.api.as(this.supervisor.token())
			.post("/api/v1/external-sites", site("CRM", "BUTTON", "GET", null, "NEW_TAB"))
			.json(201)
			.path("id")
			.asLong();
		this.campaigns.save(CampaignFixture.userOf(this.supervisor), null,
				CampaignCommand.manual("Sales").interacting(Interaction.SITE, site));

		JsonNode problem = this.api.as(this.supervisor.token())
			.speaking("es")
			.delete("/api/v1/external-sites/{id}", site)
			.problem(409, "conflict");

		assertThat(problem.path("detail").asString())
			.isEqualTo("No está permitido eliminar un sitio externo asociado a una campaña");
		long unused = this.api.as(this.supervisor.token())
			.post("/api/v1/external-sites", site("Other", "BUTTON", "GET", null, "NEW_TAB"))
			.json(201)
			.path("id")
			.asLong();
		this.api.as(this.supervisor.token()).delete("/api/v1/external-sites/{id}", unused).hasStatus(204);
	}

	@Test
	void aServerSiteHasAManagedEndpointTheWebhooksApiHidesAndRefusesToChange() {
		JsonNode site = this.api.as(this.supervisor.token())
			.post("/api/v1/external-sites", site("Server", "SERVER", "POST", "JSON", null))
			.json(201);
		long endpoint = site.path("endpointId").asLong();

		JsonNode listed = this.api.as(this.admin.token()).get("/api/v1/webhooks/endpoints").json(200);
		JsonNode refused = this.api.as(this.admin.token())
			.delete("/api/v1/webhooks/endpoints/{id}", endpoint)
			.problem(409, "conflict");

		assertThat(endpoint).isPositive();
		assertThat(listed.findValuesAsString("id")).doesNotContain(Long.toString(endpoint));
		assertThat(refused.path("detail").asString()).contains("external site");
		this.api.as(this.supervisor.token())
			.put("/api/v1/external-sites/{id}", site("Server", "AUTOMATIC", "GET", null, "EMBEDDED"),
					site.path("id").asLong())
			.json(200);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM webhook_endpoints WHERE id = ?")
			.param(endpoint)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void authenticationPasswordsAreEncryptedAndNeverReturned() {
		JsonNode created = this.api.as(this.admin.token())
			.post("/api/v1/external-site-auths",
					Map.of("name", "CRM login", "url", "https://crm.example.com/api/login", "username", "cb",
							"password", "s3cret-Pass", "tokenField", "access", "durationSeconds", 600))
			.json(201);
		long id = created.path("id").asLong();

		String listed = this.api.as(this.admin.token()).get("/api/v1/external-site-auths").body();
		String stored = this.jdbc.sql("SELECT password FROM external_site_auths WHERE id = ?")
			.param(id)
			.query(String.class)
			.single();

		assertThat(created.has("password")).isFalse();
		assertThat(listed).doesNotContain("s3cret-Pass").contains("CRM login");
		assertThat(stored).startsWith("v1:").doesNotContain("s3cret-Pass");
		this.api.as(this.supervisor.token()).get("/api/v1/external-site-auths").problem(403);
	}

	@Test
	void testingAnAuthenticationThatIsNotThereIsNotFound() {
		long otherTenants = this.api.as(this.data.anyUser(this.data.anyTenant(), Role.ADMIN).token())
			.post("/api/v1/external-site-auths",
					Map.of("name", "CRM login", "url", "https://crm.example.com/api/login", "username", "cb",
							"password", "s3cret-Pass", "durationSeconds", 600))
			.json(201)
			.path("id")
			.asLong();

		this.api.as(this.admin.token())
			.post("/api/v1/external-site-auths/{id}/test", Map.of(), 999_999_999L)
			.problem(404, "not-found");
		JsonNode spanish = this.api.as(this.admin.token())
			.speaking("es")
			.post("/api/v1/external-site-auths/{id}/test", Map.of(), otherTenants)
			.problem(404, "not-found");
		assertThat(spanish.path("detail").asString()).contains(String.valueOf(otherTenants));
	}

	@Test
	void campaignParametersAreReplacedInOrderAndCheckedAgainstTheSite() {
		long site = this.api.as(this.supervisor.token())
			.post("/api/v1/external-sites", site("CRM", "AUTOMATIC", "GET", null, "EMBEDDED"))
			.json(201)
			.path("id")
			.asLong();
		long campaign = this.campaigns
			.save(CampaignFixture.userOf(this.supervisor), null,
					CampaignCommand.manual("Sales").interacting(Interaction.SITE, site))
			.campaign()
			.id();

		JsonNode saved = this.api.as(this.supervisor.token())
			.put("/api/v1/campaigns/{id}/crm-params",
					List.of(Map.of("kind", "CALL", "selector", "call_id", "name", "{1}"),
							Map.of("kind", "FIXED", "selector", "x", "name", "origen")),
					campaign)
			.json(200);
		JsonNode refused = this.api.as(this.supervisor.token())
			.speaking("es")
			.put("/api/v1/campaigns/{id}/crm-params",
					List.of(Map.of("kind", "DISPOSITION", "selector", "id", "name", "calif")), campaign)
			.problem(422, "invalid-input");

		assertThat(saved.findValuesAsString("name")).containsExactly("{1}", "origen");
		assertThat(refused.path("errors").findValuesAsString("field")).containsExactly("params[0].selector");
		assertThat(refused.path("errors").findValuesAsString("message"))
			.containsExactly("El valor debe corresponder a un campo válido de datos de calificación");
		assertThat(this.api.as(this.supervisor.token()).get("/api/v1/campaigns/{id}/crm-params", campaign).json(200))
			.hasSize(2);
	}

	private static Map<String, Object> site(String name, String trigger, String method, String format, String target) {
		Map<String, Object> site = new HashMap<>();
		site.put("name", name);
		site.put("url", "http://127.0.0.1:9/crm");
		site.put("trigger", trigger);
		site.put("method", method);
		site.put("format", format);
		site.put("target", target);
		return site;
	}

}
