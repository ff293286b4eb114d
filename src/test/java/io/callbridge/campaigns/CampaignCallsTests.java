package io.callbridge.campaigns;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.contacts.Contact;
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
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Calls carry their campaign: a call started for a campaign through the sandbox PBX ends
 * up in the history with the campaign, agent and contact; an inbound call to a campaign's
 * line gets the campaign; the history filters by campaign (API, page, CSV); and a call
 * for a campaign is refused for an agent not in it or a contact not in its database.
 */
@IntegrationTest
class CampaignCallsTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

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
	Campaigns campaigns;

	private long tenant;

	private TestUser supervisor;

	private TestUser agent;

	private Contact contact;

	private long campaign;

	@BeforeEach
	void createCampaign() {
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34612345678");
		long database = this.fixture.anyDatabase(this.tenant, "Customers", "id_cliente");
		this.fixture.putInDatabase(this.contact.id(), database, "C-1");
		this.campaign = this.campaigns
			.save(CampaignFixture.userOf(this.supervisor), null,
					CampaignCommand.manual("Sales").linked(database, null, null).withAgents(List.of(this.agent.id())))
			.campaign()
			.id();
	}

	@Test
	void callForACampaignEndsInTheHistoryWithCampaignAgentAndContact() {
		JsonNode originated = this.api.as(this.agent.token())
			.post("/api/v1/campaigns/{id}/calls", Map.of("number", "+34600111222", "contactId", this.contact.id()),
					this.campaign)
			.json(202);
		String providerCallId = originated.path("providerCallId").asString();

		JsonNode call = awaitCall(providerCallId, "ANSWERED");
		hangUp(providerCallId);

		assertThat(call.path("direction").asString()).isEqualTo("OUTBOUND");
		assertThat(call.path("campaignId").asLong()).isEqualTo(this.campaign);
		assertThat(call.path("originatedBy").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("agentId").asLong()).isEqualTo(this.agent.id());
		assertThat(call.path("contactId").asLong()).isEqualTo(this.contact.id());
	}

	@Test
	void plainClickToCallHasNoCampaign() {
		String providerCallId = this.api.as(this.agent.token())
			.post("/api/v1/click-to-call", Map.of("number", "+34600111222"))
			.json(202)
			.path("providerCallId")
			.asString();

		JsonNode call = awaitCall(providerCallId, "ANSWERED");
		hangUp(providerCallId);

		assertThat(call.path("campaignId").isNull()).isTrue();
	}

	@Test
	void callForACampaignIsRefusedForAnAgentNotInItOrAContactNotInItsDatabase() {
		TestUser outsider = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "102");
		Contact stranger = this.data.anyContact(this.tenant, "Pedro", "+34699000111");

		JsonNode agentProblem = this.api.as(outsider.token())
			.post("/api/v1/campaigns/{id}/calls", Map.of("number", "+34600111222"), this.campaign)
			.problem(422, "invalid-input");
		JsonNode contactProblem = this.api.as(this.agent.token())
			.speaking("es")
			.post("/api/v1/campaigns/{id}/calls", Map.of("number", "+34699000111", "contactId", stranger.id()),
					this.campaign)
			.problem(422, "invalid-input");

		assertThat(agentProblem.path("errors").findValuesAsString("field")).containsExactly("agentId");
		assertThat(contactProblem.path("errors").findValuesAsString("field")).containsExactly("contactId");
		assertThat(contactProblem.path("detail").asString())
			.isEqualTo("El contacto " + stranger.id() + " no está en la base de contactos de la campaña \"Sales\".");
	}

	@Test
	void inboundCallToACampaignsLineCarriesTheCampaign() {
		long account = this.data.sandboxAccount(this.tenant).id();
		long inbound = this.campaigns.save(CampaignFixture.userOf(this.supervisor), null,
				CampaignCommand.manual("Hotline").inbound(account, "910 000 111").withAgents(List.of(this.agent.id())))
			.campaign()
			.id();

		String toCampaign = simulate(Map.of("from", "612345678", "line", "+34910000111", "scenario", "ANSWER"));
		String elsewhere = simulate(Map.of("from", "612345678", "scenario", "ANSWER"));

		assertThat(awaitCall(toCampaign, "ENDED").path("campaignId").asLong()).isEqualTo(inbound);
		assertThat(awaitCall(elsewhere, "ENDED").path("campaignId").isNull()).isTrue();
	}

	@Test
	void historyFiltersByCampaignInTheApiThePageAndTheExport() {
		long account = this.data.sandboxAccount(this.tenant).id();
		this.campaigns.save(CampaignFixture.userOf(this.supervisor), null,
				CampaignCommand.manual("Hotline").inbound(account, "+34910000111"));
		String toCampaign = simulate(Map.of("from", "612345678", "line", "+34910000111", "scenario", "ANSWER"));
		String elsewhere = simulate(Map.of("from", "612345678", "scenario", "ANSWER"));
		long campaignCall = awaitCall(toCampaign, "ENDED").path("id").asLong();
		long otherCall = awaitCall(elsewhere, "ENDED").path("id").asLong();
		long hotline = this.campaigns.names(this.tenant)
			.entrySet()
			.stream()
			.filter((e) -> e.getValue().equals("Hotline"))
			.findFirst()
			.orElseThrow()
			.getKey();

		List<Long> filtered = this.api.as(this.agent.token()).get("/api/v1/calls?campaignId={id}", hotline).ids();
		String page = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password())
			.get("/calls?campaignId=" + hotline)
			.body();
		String detail = UiSession.logIn(this.port, this.supervisor.username(), this.supervisor.password())
			.get("/calls/" + campaignCall)
			.body();
		List<String> csv = this.api.as(this.agent.token())
			.get("/api/v1/calls/export?campaignId={id}", hotline)
			.body()
			.lines()
			.toList();

		assertThat(filtered).containsExactly(campaignCall);
		assertThat(this.api.as(this.agent.token()).get("/api/v1/calls").ids()).contains(campaignCall, otherCall);
		assertThat(page).contains("id=\"calls-filter-campaign\"")
			.contains("data-call-id=\"" + campaignCall + "\"")
			.doesNotContain("data-call-id=\"" + otherCall + "\"");
		assertThat(detail).contains("id=\"call-campaign\"").contains("Hotline");
		assertThat(csv.get(0)).endsWith(",campaign_id");
		assertThat(csv).hasSize(2);
		assertThat(csv.get(1)).startsWith(campaignCall + ",").endsWith("," + hotline);
	}

	private String simulate(Map<String, Object> request) {
		return this.api.as(this.agent.token()).post("/api/v1/sandbox/calls", request).json(201).path("id").asString();
	}

	private void hangUp(String providerCallId) {
		this.api.as(this.agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), providerCallId);
	}

	/** Polls the call history until the provider's call is there in the given state. */
	private JsonNode awaitCall(String providerCallId, String state) {
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(providerCallId).filter((call) -> state.equals(call.path("state").asString())),
					Optional::isPresent)
			.orElseThrow();
	}

	private Optional<JsonNode> findCall(String providerCallId) {
		for (JsonNode call : this.api.as(this.supervisor.token()).get("/api/v1/calls").json(200).path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

}
