package io.callbridge.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.logging.Level;

import com.sun.net.httpserver.HttpServer;
import io.callbridge.campaigns.CampaignCommand;
import io.callbridge.campaigns.CampaignFixture;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.Interaction;
import io.callbridge.campaigns.sites.CrmParam;
import io.callbridge.campaigns.sites.CrmParameters;
import io.callbridge.campaigns.sites.ExternalSite;
import io.callbridge.campaigns.sites.ExternalSiteCommand;
import io.callbridge.campaigns.sites.ExternalSites;
import io.callbridge.campaigns.sites.ParamKind;
import io.callbridge.campaigns.sites.SiteFormat;
import io.callbridge.campaigns.sites.SiteMethod;
import io.callbridge.campaigns.sites.SiteTarget;
import io.callbridge.campaigns.sites.SiteTrigger;
import io.callbridge.contacts.ContactDatabaseCommand;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.Browser;
import io.callbridge.support.BrowserAvailability;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "URL externa" in a real headless Chromium: on a connected call of a campaign with an
 * external site, the agent's console embeds the CRM page (a page double on loopback) with
 * the campaign's parameters mapped, submits a POST into its frame, or opens a new tab;
 * once per call however often the card is re-rendered; a button site only when the agent
 * clicks; and the console's Content-Security-Policy lets frames and forms reach exactly
 * the tenant's site origins, with no violation reported.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class ExternalSiteBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(15);

	private static final String LINE = "+34910000222";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	Campaigns campaigns;

	@Autowired
	ExternalSites sites;

	@Autowired
	CrmParameters parameters;

	@Autowired
	ContactDatabases databases;

	private WebDriver driver;

	private WebDriverWait wait;

	private CrmPage crm;

	private long tenant;

	private TestUser agent;

	private TestUser supervisor;

	private long database;

	@BeforeEach
	void browserCrmAndTenant() throws IOException {
		this.crm = new CrmPage();
		this.driver = Browser.start();
		this.wait = Browser.waiting(this.driver);
		this.tenant = this.data.anyTenant();
		this.agent = this.data.anyAgentWithExtension(this.tenant, Role.AGENT, "101");
		this.supervisor = this.data.anyUser(this.tenant, Role.SUPERVISOR);
		this.database = this.databases
			.create(this.tenant,
					new ContactDatabaseCommand("Clientes", List.of("telefono", "id_cliente", "ciudad"),
							List.of("telefono"), "id_cliente", null))
			.id();
		this.databases.addRow(this.tenant, this.database,
				Map.of("telefono", "+34612000777", "id_cliente", "C-77", "ciudad", "Cádiz"));
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		this.crm.close();
	}

	@Test
	void anAutomaticEmbeddedGetShowsTheCrmPageWithTheMappedParametersOncePerCall() {
		campaignWith(site(SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.EMBEDDED, "/pop/{1}"));
		openConsole();

		String call = ringAndAnswer();
		WebElementSrc frame = awaitFrame();
		await().atMost(PATIENCE).until(() -> this.crm.requests().size() == 1);
		hangUp(call);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".call-card.ENDED")));

		CrmRequest request = this.crm.requests().get(0);
		long callId = callId();
		assertThat(request.method()).isEqualTo("GET");
		assertThat(request.path()).isEqualTo("/pop/" + callId);
		assertThat(request.query()).containsExactly(Map.entry("campana", "Ventas"), Map.entry("cliente", "C-77"),
				Map.entry("ciudad", "Cádiz"), Map.entry("agente", this.agent.username()),
				Map.entry("origen", "callbridge & co"));
		assertThat(frame.src()).startsWith(this.crm.url("/pop/" + callId + "?campana=Ventas"));
		// The card was re-rendered when the call ended: the page is still there, not
		// opened again.
		assertThat(this.driver.findElements(By.cssSelector("iframe.crm-frame"))).hasSize(1);
		assertThat(this.crm.requests()).hasSize(1);
		assertThat(opened()).isEqualTo(1L);
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void anAutomaticPostIsSubmittedIntoTheCardsFrameWithEscapedValuesAndNoCsrfToken() {
		campaignWith(site(SiteTrigger.AUTOMATIC, SiteMethod.POST, SiteFormat.FORM, SiteTarget.EMBEDDED, "/form"));
		openConsole();

		ringAndAnswer();
		await().atMost(PATIENCE).until(() -> this.crm.requests().size() == 1);

		CrmRequest request = this.crm.requests().get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.path()).isEqualTo("/form");
		assertThat(request.form()).containsExactly(Map.entry("campana", "Ventas"), Map.entry("cliente", "C-77"),
				Map.entry("ciudad", "Cádiz"), Map.entry("agente", this.agent.username()),
				Map.entry("origen", "callbridge & co"));
		this.wait.until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.cssSelector("iframe.crm-frame")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("crm-page"), "CRM page"));
		this.driver.switchTo().defaultContent();
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void aNewTabSiteOpensTheCrmPageInAnotherTab() {
		campaignWith(site(SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.NEW_TAB, "/tab"));
		openConsole();

		ringAndAnswer();

		this.wait.until(ExpectedConditions.numberOfWindowsToBe(2));
		await().atMost(PATIENCE).until(() -> this.crm.requests().size() == 1);
		assertThat(this.crm.requests().get(0).path()).isEqualTo("/tab");
		assertThat(this.crm.requests().get(0).query()).containsEntry("cliente", "C-77");
		assertThat(this.driver.findElements(By.cssSelector("iframe.crm-frame"))).isEmpty();
	}

	@Test
	void aButtonSiteOpensOnlyWhenTheAgentClicks() {
		campaignWith(site(SiteTrigger.BUTTON, SiteMethod.GET, null, SiteTarget.EMBEDDED, "/button"));
		openConsole();

		ringAndAnswer();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(".call-card .crm-open")));
		assertThat(this.crm.requests()).isEmpty();
		assertThat(opened()).isZero();
		this.driver.findElement(By.cssSelector(".call-card .crm-open")).click();

		awaitFrame();
		await().atMost(PATIENCE).until(() -> this.crm.requests().size() == 1);
		assertThat(this.crm.requests().get(0).path()).isEqualTo("/button");
		assertThat(opened()).isEqualTo(1L);
	}

	@Test
	void theConsolePolicyNamesExactlyTheTenantsSiteOrigins() {
		campaignWith(site(SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.EMBEDDED, "/pop"));
		this.sites.save(this.tenant, null, ExternalSiteCommand.of("Other CRM", "https://crm.example.com:8443/c/{1}",
				SiteTrigger.BUTTON, SiteMethod.GET, null, SiteTarget.NEW_TAB));
		long other = this.data.anyTenant();
		TestUser stranger = this.data.anyUser(other, Role.AGENT);

		String policy = consolePolicy(this.agent);
		String strangers = consolePolicy(stranger);

		String origin = this.crm.url("");
		String both = origin + " https://crm.example.com:8443";
		assertThat(policy).contains("frame-src 'self' " + both).contains("form-action 'self' " + both + ";");
		assertThat(strangers).doesNotContain("frame-src").contains("form-action 'self';").doesNotContain(origin);
		assertThat(UiSession.logIn(this.port, this.agent.username(), this.agent.password())
			.get("/contacts")
			.headers()
			.firstValue("Content-Security-Policy")
			.orElseThrow()).doesNotContain(origin);
	}

	private String consolePolicy(TestUser user) {
		HttpResponse<String> console = UiSession.logIn(this.port, user.username(), user.password()).get("/console");
		return console.headers().firstValue("Content-Security-Policy").orElseThrow();
	}

	private ExternalSite site(SiteTrigger trigger, SiteMethod method, SiteFormat format, SiteTarget target,
			String path) {
		return this.sites.save(this.tenant, null,
				ExternalSiteCommand.of("CRM " + path, this.crm.url(path), trigger, method, format, target));
	}

	private void campaignWith(ExternalSite site) {
		long campaign = this.campaigns
			.save(CampaignFixture.userOf(this.supervisor), null,
					CampaignCommand.manual("Ventas")
						.inbound(this.data.sandboxAccount(this.tenant).id(), LINE)
						.linked(this.database, null, null)
						.interacting(Interaction.SITE, site.id())
						.withAgents(List.of(this.agent.id())))
			.campaign()
			.id();
		List<CrmParam> params = new ArrayList<>(List.of(new CrmParam(ParamKind.CAMPAIGN, "nombre", "campana"),
				new CrmParam(ParamKind.CONTACT, "id_cliente", "cliente"),
				new CrmParam(ParamKind.CONTACT, "ciudad", "ciudad"),
				new CrmParam(ParamKind.CALL, "agent_username", "agente"),
				new CrmParam(ParamKind.FIXED, "callbridge & co", "origen")));
		if (site.url().contains("{1}")) {
			params.add(0, new CrmParam(ParamKind.CALL, "call_id", "{1}"));
		}
		this.parameters.replace(this.tenant, campaign, params);
	}

	private void openConsole() {
		Browser.logIn(this.driver, this.wait, this.port, this.agent);
		Browser.awaitConsoleLive(this.wait);
	}

	private String ringAndAnswer() {
		String call = this.api.as(this.agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "612000777", "line", LINE, "scenario", "MANUAL"))
			.json(201)
			.path("id")
			.asString();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".call-card")));
		this.api.as(this.agent.token()).post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "101"), call);
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".call-card.MINE")));
		return call;
	}

	private void hangUp(String call) {
		this.api.as(this.agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call);
	}

	private long callId() {
		return Long.parseLong(this.driver.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id"));
	}

	private WebElementSrc awaitFrame() {
		this.wait.until((d) -> {
			List<org.openqa.selenium.WebElement> frames = d.findElements(By.cssSelector("iframe.crm-frame"));
			return !frames.isEmpty() && !frames.get(0).getAttribute("src").isEmpty();
		});
		return new WebElementSrc(this.driver.findElement(By.cssSelector("iframe.crm-frame")).getAttribute("src"));
	}

	private Long opened() {
		return (Long) ((JavascriptExecutor) this.driver).executeScript("return window.callbridgeConsole.crmOpened");
	}

	private List<String> policyViolations() {
		List<String> violations = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue()
					&& entry.getMessage().contains("Content Security Policy")) {
				violations.add(entry.getMessage());
			}
		}
		return violations;
	}

	/** The frame's address when it was found. */
	private record WebElementSrc(String src) {
	}

	/** One request to the CRM page double. */
	private record CrmRequest(String method, String path, Map<String, String> query, Map<String, String> form) {
	}

	/**
	 * A CRM's page on loopback: answers every request with a small HTML page and records
	 * it (method, path, decoded query and form body).
	 */
	private static final class CrmPage implements AutoCloseable {

		private final HttpServer server;

		private final List<CrmRequest> requests = new CopyOnWriteArrayList<>();

		CrmPage() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
			this.server.createContext("/", (exchange) -> {
				try (exchange) {
					String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
					if (!exchange.getRequestURI().getPath().equals("/favicon.ico")) {
						this.requests
							.add(new CrmRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
									decode(exchange.getRequestURI().getRawQuery()), decode(body)));
					}
					byte[] page = "<!DOCTYPE html><html><body><p id=\"crm-page\">CRM page</p></body></html>"
						.getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
					exchange.sendResponseHeaders(200, page.length);
					exchange.getResponseBody().write(page);
				}
			});
			this.server.start();
		}

		String url(String path) {
			return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
		}

		List<CrmRequest> requests() {
			return List.copyOf(this.requests);
		}

		private static Map<String, String> decode(String encoded) {
			Map<String, String> values = new java.util.LinkedHashMap<>();
			if (encoded == null || encoded.isEmpty()) {
				return values;
			}
			for (String pair : encoded.split("&")) {
				String[] parts = pair.split("=", 2);
				values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
						(parts.length > 1) ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
			}
			return values;
		}

		@Override
		public void close() {
			this.server.stop(0);
		}

	}

}
