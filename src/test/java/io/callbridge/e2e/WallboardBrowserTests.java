package io.callbridge.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.Browser;
import io.callbridge.support.BrowserAvailability;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
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

/**
 * The wallboard in a real headless Chromium: it renders in English and Spanish with its
 * agents chart drawn and no policy violation, and it follows a sandbox call live — the
 * ringing call appears without a reload, moves to the calls in progress when answered
 * (its agent on a call) and leaves the board when it ends — while its durations tick.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class WallboardBrowserTests {

	private static final String CANVAS_DRAWN = """
			var canvas = document.getElementById('wb-agents-chart');
			if (!canvas || !canvas.width || !canvas.height) { return false; }
			var pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			for (var i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) { return true; } }
			return false;""";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser() throws IOException {
		this.driver = Browser.start();
		this.wait = Browser.waiting(this.driver);
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void rendersInEnglishAndSpanishWithItsChartDrawn() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "180");
		TestUser onBreak = this.data.anyAgentWithExtension(tenant, Role.AGENT, "181");
		this.api.as(onBreak.token()).put("/api/v1/me/status", Map.of("status", "BREAK")).json(200);
		Browser.logIn(this.driver, this.wait, this.port, supervisor);

		openWallboard("?lang=en");
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Wallboard");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(agentItem(agent), "Available"));
		// The board redraws its lists on every refetch (a status change's push may arrive
		// after the first read): each check finds its element again.
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(agentItem(onBreak), "On a break"));
		this.wait.until(ExpectedConditions.textToBe(By.id("wb-available-count"), "1"));
		this.wait.until(ExpectedConditions.textToBe(By.id("wb-ringing-empty"), "No calls ringing."));
		assertThat(this.driver.findElements(By.cssSelector(".topbar"))).as("no navigation on a wall screen").isEmpty();
		this.wait.until((d) -> Boolean.TRUE.equals(script(CANVAS_DRAWN)));

		openWallboard("?lang=es");
		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Panel en directo");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(agentItem(agent), "Disponible"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(agentItem(onBreak), "En pausa"));
		this.wait.until(ExpectedConditions.textToBe(By.id("wb-ringing-empty"), "No suena ninguna llamada."));
		this.wait.until((d) -> Boolean.TRUE.equals(script(CANVAS_DRAWN)));
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void followsASandboxCallLiveWithoutAReload() throws InterruptedException {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "190");
		this.data.anyContact(tenant, "Inés Ruiz", "+34 677 888 999");
		Browser.logIn(this.driver, this.wait, this.port, supervisor);
		openWallboard("?lang=en");
		this.wait.until((d) -> Boolean.TRUE.equals(script("return window.callbridgeWallboard.connected")));
		script("window.notReloaded = true;");

		String call = this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "677888999", "extension", "190"))
			.json(201)
			.get("id")
			.asString();

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#wb-ringing tbody tr"),
				"Inés Ruiz"));
		// The sandbox reports the start and the ring as two events: a board read between
		// them shows the call with no one rung yet, and the ring's push reads it again.
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#wb-ringing tbody tr"),
				agent.agent().displayName()));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#wb-ringing tbody tr"),
				"+34 677 88 89 99"));
		assertThat(this.driver.findElement(By.id("wb-ringing-count")).getText()).isEqualTo("1");
		assertThat(this.driver.findElement(By.id("wb-longest-who")).getText()).isEqualTo("Inés Ruiz");
		String waited = this.driver.findElement(By.id("wb-longest")).getText();
		this.wait.until((d) -> !d.findElement(By.id("wb-longest")).getText().equals(waited));

		this.api.as(agent.token())
			.post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "190"), call)
			.hasStatus(200);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#wb-in-progress tbody tr"),
				"Inés Ruiz"));
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#wb-ringing tbody tr"), 0));
		assertThat(this.driver.findElement(By.cssSelector("#wb-in-progress tbody tr")).getText())
			.contains(agent.agent().displayName());
		this.wait.until(ExpectedConditions.attributeToBe(agentItem(agent), "data-state", "ON_CALL"));
		assertThat(this.driver.findElement(By.id("wb-longest")).getText()).isEqualTo("–");

		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call).hasStatus(200);
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#wb-in-progress tbody tr"), 0));
		this.wait.until(ExpectedConditions.attributeToBe(agentItem(agent), "data-state", "AVAILABLE"));
		assertThat(this.driver.findElement(By.id("wb-in-progress-empty")).isDisplayed()).isTrue();
		assertThat(script("return window.notReloaded === true")).as("the page was not reloaded").isEqualTo(true);
		assertThat(((Number) script("return window.callbridgeWallboard.events")).intValue())
			.as("changes arrived through the live stream")
			.isGreaterThanOrEqualTo(3);
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void theConsoleOfASupervisorIgnoresWallboardMessages() {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyAgentWithExtension(tenant, Role.SUPERVISOR, "195");
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "196");
		Browser.logIn(this.driver, this.wait, this.port, supervisor);
		Browser.awaitConsoleLive(this.wait);

		String call = this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "688111222", "extension", "196"))
			.json(201)
			.get("id")
			.asString();
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), call).hasStatus(200);
		// The ring and the end reach the supervisor's stream as wallboard messages. A
		// marker
		// after them: the supervisor's own status change, which the console takes (its
		// status selector shows it), goes through the node's one delivery thread after
		// them, so once it is shown they have arrived too.
		this.api.as(supervisor.token()).put("/api/v1/me/status", Map.of("status", "BREAK")).json(200);
		this.wait.until(ExpectedConditions.attributeToBe(By.id("agent-status"), "data-status", "BREAK"));

		assertThat(((Number) script("return window.callbridgeConsole.events")).intValue())
			.as("only the status change counted")
			.isEqualTo(1);
		assertThat(this.driver.findElements(By.cssSelector(".call-card"))).isEmpty();
		assertThat(script("return window.callbridgeConsole.connected")).isEqualTo(true);
	}

	private void openWallboard(String query) {
		this.driver.get("http://localhost:" + this.port + "/statistics/wallboard" + query);
		this.wait.until((d) -> Boolean.TRUE
			.equals(script("return !!window.callbridgeWallboard && window.callbridgeWallboard.loads > 0")));
	}

	private static By agentItem(TestUser agent) {
		return By.cssSelector("#wb-agents li[data-agent-id='" + agent.id() + "']");
	}

	private Object script(String script) {
		return ((JavascriptExecutor) this.driver).executeScript(script);
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

}
