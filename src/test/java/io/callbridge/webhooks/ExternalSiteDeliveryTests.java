package io.callbridge.webhooks;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.campaigns.CampaignCommand;
import io.callbridge.campaigns.CampaignDisposition;
import io.callbridge.campaigns.CampaignDispositions;
import io.callbridge.campaigns.CampaignFixture;
import io.callbridge.campaigns.CampaignOptionCommand;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.Interaction;
import io.callbridge.campaigns.sites.CrmParam;
import io.callbridge.campaigns.sites.CrmParameters;
import io.callbridge.campaigns.sites.ExternalSite;
import io.callbridge.campaigns.sites.ExternalSiteAuthCommand;
import io.callbridge.campaigns.sites.ExternalSiteAuths;
import io.callbridge.campaigns.sites.ExternalSiteCommand;
import io.callbridge.campaigns.sites.ExternalSites;
import io.callbridge.campaigns.sites.ParamKind;
import io.callbridge.campaigns.sites.SiteFormat;
import io.callbridge.campaigns.sites.SiteMethod;
import io.callbridge.campaigns.sites.SiteTrigger;
import io.callbridge.contacts.ContactDatabaseCommand;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.webhooks.ReceiverDouble.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "URL externa" called by the server: an answered call of a campaign whose site has the
 * SERVER trigger reaches the CRM (a receiver double on loopback) once, through the
 * webhooks delivery machinery, with the campaign's parameters mapped (campaign, contact
 * columns of its database, call data, fixed values), in each of OMniLeads' formats;
 * placeholders go into the path; a site with a token authentication logs in first and
 * sends the Bearer token; failures are retried and every attempt is logged on the site's
 * managed endpoint; a DISPOSITION site is called after a campaign disposition whose
 * option triggers the CRM, with the disposition's fields.
 */
@IntegrationTest
@TestPropertySource(properties = { "callbridge.webhooks.allow-private-targets=true",
		"callbridge.webhooks.retry-schedule=300ms,300ms,300ms,300ms,300ms" })
class ExternalSiteDeliveryTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_sites");
	}

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	@Autowired
	ContactDatabases databases;

	@Autowired
	Campaigns campaigns;

	@Autowired
	ExternalSites sites;

	@Autowired
	ExternalSiteAuths auths;

	@Autowired
	CrmParameters parameters;

	@Autowired
	WebhookDeliveries deliveries;

	@Autowired
	CampaignDispositions dispositions;

	@Autowired
	WebhookEndpoints endpoints;

	private ReceiverDouble crm;

	private long tenant;

	private TestUser supervisor;

	private TestUser agent;

	private long database;

	@BeforeEach
	void tenantAndCrm() throws IOException {
		this.crm = new ReceiverDouble().plain();
		this.tenant = this.tenants.anyTenant();
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.database = this.databases
			.create(this.tenant,
					new ContactDatabaseCommand("Customers", List.of("telefono", "id_cliente", "ciudad"),
							List.of("telefono"), "id_cliente", null))
			.id();
		this.databases.addRow(this.tenant, this.database,
				Map.of("telefono", "+34612345678", "id_cliente", "C-1", "ciudad", "Sevilla"));
	}

	@AfterEach
	void stopCrm() {
		this.crm.close();
	}

	@Test
	void answeredCallSendsTheMappedParametersByGetInTheQueryOnce() {
		ExternalSite site = serverSite(SiteMethod.GET, null, "/crm/{1}/pop?src=cb");
		long campaign = campaign(site, List.of(new CrmParam(ParamKind.CALL, "call_id", "{1}"),
				new CrmParam(ParamKind.CAMPAIGN, "nombre", "campana"), new CrmParam(ParamKind.CAMPAIGN, "tipo", "tipo"),
				new CrmParam(ParamKind.CALL, "telefono", "tel"), new CrmParam(ParamKind.FIXED, "cb y más", "origen"),
				new CrmParam(ParamKind.CONTACT, "id_cliente", "cliente"),
				new CrmParam(ParamKind.CONTACT, "ciudad", "ciudad")));

		JsonNode call = answeredCallOf(campaign);
		Received request = awaitRequests(1).get(0);

		long callId = call.path("id").asLong();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.uri()).isEqualTo("/crm/" + callId
				+ "/pop?src=cb&campana=Hotline+Q1&tipo=Entrante&tel=612345678&origen=cb+y+m%C3%A1s&cliente=C-1&ciudad=Sevilla");
		assertThat(request.body()).isEmpty();
		assertThat(request.headers()).doesNotContainKeys("webhook-id", "webhook-signature", "Authorization");
		// The call's later facts (its end) do not call the site again.
		hangUp(call);
		await().during(Duration.ofSeconds(1)).atMost(PATIENCE).until(() -> this.crm.received().size() == 1);
	}

	@Test
	void postSendsEachFormatsBody() {
		Map<SiteFormat, Received> received = new java.util.EnumMap<>(SiteFormat.class);
		for (SiteFormat format : SiteFormat.values()) {
			ExternalSite site = serverSite(SiteMethod.POST, format, "/crm/" + format.name().toLowerCase());
			long campaign = campaign(site,
					List.of(new CrmParam(ParamKind.CAMPAIGN, "nombre", "campana"),
							new CrmParam(ParamKind.FIXED, "a&b=c ñ", "raro")),
					"Hotline " + format, "+3491000011" + format.ordinal());
			hangUp(answeredCallOf(campaign, "+3491000011" + format.ordinal()));
			received.put(format, awaitRequests(format.ordinal() + 1).get(format.ordinal()));
		}

		received.values().forEach((r) -> assertThat(r.method()).isEqualTo("POST"));
		Received multipart = received.get(SiteFormat.MULTIPART);
		assertThat(multipart.headers().get("Content-Type")).startsWith("multipart/form-data; boundary=");
		assertThat(multipart.body()).contains("name=\"campana\"")
			.contains("Hotline MULTIPART")
			.contains("name=\"raro\"")
			.contains("a&b=c ñ");
		Received form = received.get(SiteFormat.FORM);
		assertThat(form.headers().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(decodeForm(form.body())).containsExactly(Map.entry("campana", "Hotline FORM"),
				Map.entry("raro", "a&b=c ñ"));
		Received text = received.get(SiteFormat.TEXT);
		assertThat(text.headers().get("Content-Type")).startsWith("text/plain");
		assertThat(text.body()).isEqualTo("campana=Hotline TEXT\nraro=a&b=c ñ");
		Received json = received.get(SiteFormat.JSON);
		assertThat(json.headers().get("Content-Type")).startsWith("application/json");
		JsonNode object = JSON.readTree(json.body());
		assertThat(object.path("campana").asString()).isEqualTo("Hotline JSON");
		assertThat(object.path("raro").asString()).isEqualTo("a&b=c ñ");
	}

	@Test
	void aSiteWithTokenAuthenticationLogsInAndSendsTheBearerToken() throws IOException {
		try (CrmLoginDouble login = new CrmLoginDouble("callbridge", "s3cret", "tok-123")) {
			long auth = this.auths
				.save(this.tenant, null,
						new ExternalSiteAuthCommand("CRM login", login.url(), "callbridge", "s3cret", "access", 0,
								"ttl"))
				.id();
			ExternalSite site = this.sites.save(this.tenant, null,
					ExternalSiteCommand
						.of("Secured", this.crm.url("/secured"), SiteTrigger.SERVER, SiteMethod.POST, SiteFormat.JSON,
								null)
						.withAuth(auth));
			long campaign = campaign(site, List.of(new CrmParam(ParamKind.FIXED, "1", "x")));

			hangUp(answeredCallOf(campaign));
			Received request = awaitRequests(1).get(0);

			assertThat(request.headers().get("Authorization")).isEqualTo("Bearer tok-123");
			assertThat(login.logins()).isEqualTo(1);
		}
	}

	@Test
	void aFailedLoginIsLoggedAndRetriedWithoutCallingTheSite() throws IOException {
		try (CrmLoginDouble login = new CrmLoginDouble("callbridge", "right", "tok-1")) {
			long auth = this.auths
				.save(this.tenant, null,
						new ExternalSiteAuthCommand("Wrong login", login.url(), "callbridge", "wrong", "access", 60,
								null))
				.id();
			ExternalSite site = this.sites.save(this.tenant, null,
					ExternalSiteCommand
						.of("Secured", this.crm.url("/secured"), SiteTrigger.SERVER, SiteMethod.GET, null, null)
						.withAuth(auth));
			long campaign = campaign(site, List.of());

			hangUp(answeredCallOf(campaign));

			WebhookDelivery delivery = await().atMost(PATIENCE)
				.until(() -> onlyDelivery(site), (d) -> d.attemptLog().size() >= 2);
			assertThat(delivery.attemptLog().get(0).error()).isEqualTo("Authentication failed: HTTP 401");
			assertThat(this.crm.received()).isEmpty();
		}
	}

	@Test
	void aFailingCrmIsRetriedAndEveryAttemptLoggedOnTheSitesEndpoint() {
		this.crm.down(true);
		ExternalSite site = serverSite(SiteMethod.GET, null, "/down");
		long campaign = campaign(site, List.of(new CrmParam(ParamKind.FIXED, "v", "p")));

		hangUp(answeredCallOf(campaign));
		await().atMost(PATIENCE).until(() -> this.crm.received().size() >= 2);
		this.crm.down(false);

		WebhookDelivery delivery = await().atMost(PATIENCE)
			.until(() -> onlyDelivery(site), (d) -> "DELIVERED".equals(d.state()));
		assertThat(delivery.eventType()).isEqualTo("external_site.call");
		assertThat(delivery.attemptLog()).hasSizeGreaterThanOrEqualTo(3);
		assertThat(delivery.attemptLog()).extracting(WebhookDelivery.WebhookAttempt::status).contains(503, 204);
		assertThat(this.crm.accepted()).hasSize(1);
		assertThat(this.endpoints.list(this.tenant, null)).extracting(WebhookEndpoint::id)
			.doesNotContain(site.endpointId());
	}

	@Test
	void aDispositionSiteIsCalledAfterADispositionWhoseOptionTriggersTheCrm() {
		ExternalSite site = this.sites.save(this.tenant, null, ExternalSiteCommand.of("On disposition",
				this.crm.url("/disposition"), SiteTrigger.DISPOSITION, SiteMethod.POST, SiteFormat.FORM, null));
		long campaign = this.campaigns
			.save(CampaignFixture.userOf(this.supervisor), null, CampaignCommand.manual("Hotline Q1")
				.inbound(this.data.sandboxAccount(this.tenant).id(), "+34910000111")
				.linked(this.database, null, null)
				.interacting(Interaction.SITE, site.id())
				.withAgents(List.of(this.agent.id()))
				.withOptions(List.of(new CampaignOptionCommand(null, "Venta", "interested", null, false, true, true),
						new CampaignOptionCommand(null, "Sin interés", "not-interested", null, false, false, false))))
			.campaign()
			.id();
		this.parameters.replace(this.tenant, campaign,
				List.of(new CrmParam(ParamKind.DISPOSITION, "id", "calif"),
						new CrmParam(ParamKind.DISPOSITION, "name", "opcion"),
						new CrmParam(ParamKind.CALL, "call_id", "llamada")));
		JsonNode call = answeredCallOf(campaign);
		long callId = call.path("id").asLong();
		long contact = call.path("contactId").asLong();
		long option = this.campaigns.options(campaign).get(0).id();

		CampaignDisposition disposition = this.dispositions.create(CampaignFixture.userOf(this.agent),
				new CampaignDispositions.DispositionRequest(contact, option, "ok", Long.toString(callId)));
		Received request = awaitRequests(1).get(0);

		assertThat(decodeForm(request.body())).containsExactly(Map.entry("calif", Long.toString(disposition.id())),
				Map.entry("opcion", "Venta"), Map.entry("llamada", Long.toString(callId)));
		hangUp(call);
	}

	private ExternalSite serverSite(SiteMethod method, SiteFormat format, String path) {
		return this.sites.save(this.tenant, null,
				ExternalSiteCommand.of("Site " + path, this.crm.url(path), SiteTrigger.SERVER, method, format, null));
	}

	private long campaign(ExternalSite site, List<CrmParam> params) {
		return campaign(site, params, "Hotline Q1", "+34910000111");
	}

	private long campaign(ExternalSite site, List<CrmParam> params, String name, String line) {
		long id = this.campaigns
			.save(CampaignFixture.userOf(this.supervisor), null,
					CampaignCommand.manual(name)
						.inbound(this.data.sandboxAccount(this.tenant).id(), line)
						.linked(this.database, null, null)
						.interacting(Interaction.SITE, site.id())
						.withAgents(List.of(this.agent.id())))
			.campaign()
			.id();
		this.parameters.replace(this.tenant, id, params);
		return id;
	}

	private JsonNode answeredCallOf(long campaign) {
		return answeredCallOf(campaign, "+34910000111");
	}

	// An inbound call from the contact to the campaign's line, answered.
	private JsonNode answeredCallOf(long campaign, String line) {
		String providerCallId = this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "612345678", "line", line, "scenario", "ANSWER"))
			.json(201)
			.path("id")
			.asString();
		return await().atMost(PATIENCE)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> findCall(providerCallId)
				.filter((c) -> c.path("answeredAt").isString() && c.path("campaignId").asLong() == campaign),
					Optional::isPresent)
			.orElseThrow();
	}

	private void hangUp(JsonNode call) {
		this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call.path("providerCallId").asString());
	}

	private Optional<JsonNode> findCall(String providerCallId) {
		for (JsonNode call : this.api.as(this.supervisor.token()).get("/api/v1/calls").json(200).path("items")) {
			if (providerCallId.equals(call.path("providerCallId").asString())) {
				return Optional.of(call);
			}
		}
		return Optional.empty();
	}

	private List<Received> awaitRequests(int count) {
		await().atMost(PATIENCE).until(() -> this.crm.received().size() >= count);
		return this.crm.received();
	}

	private WebhookDelivery onlyDelivery(ExternalSite site) {
		List<WebhookDelivery> list = this.deliveries.deliveries(this.tenant, site.endpointId(), 0, 10).items();
		assertThat(list).hasSizeLessThanOrEqualTo(1);
		return list.isEmpty() ? new WebhookDelivery(0, 0, "", "", "", "NONE", 0, null, null, null, null,
				java.time.Instant.EPOCH, List.of()) : list.get(0);
	}

	private static Map<String, String> decodeForm(String body) {
		Map<String, String> values = new java.util.LinkedHashMap<>();
		for (String pair : body.split("&")) {
			String[] parts = pair.split("=", 2);
			values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
					URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return values;
	}

}
