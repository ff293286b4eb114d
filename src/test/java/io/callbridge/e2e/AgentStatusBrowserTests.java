package io.callbridge.e2e;

import java.io.IOException;
import java.util.Map;

import io.callbridge.agents.AgentStatuses;
import io.callbridge.shared.AgentStatus;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in a real headless Chromium: the agent changes their status with the
 * console's selector, sees it again after reloading the page, and sees the selector
 * follow live when a supervisor changes it.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class AgentStatusBrowserTests {

	private static final By SELECTOR = By.id("agent-status-select");

	private static final By FORM = By.id("agent-status");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	ApiClient api;

	@Autowired
	AgentStatuses statuses;

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
	void theAgentSetsTheirStatusAndSeesItAfterAReloadAndWhenASupervisorChangesIt() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		Browser.logIn(this.driver, this.wait, this.port, agent);
		Browser.awaitConsoleLive(this.wait);
		assertThat(selected()).isEqualTo("AVAILABLE");

		new Select(this.driver.findElement(SELECTOR)).selectByValue("BREAK");

		// Saved when the answer replaced the selector (a live message may re-render it
		// too, without the notice): the stored status is shown either way.
		this.wait.until(ExpectedConditions.attributeToBe(FORM, "data-status", "BREAK"));
		assertThat(this.statuses.of(tenant, agent.id()).status()).isEqualTo(AgentStatus.BREAK);
		this.driver.navigate().refresh();
		this.wait.until(ExpectedConditions.presenceOfElementLocated(SELECTOR));
		assertThat(selected()).isEqualTo("BREAK");
		Browser.awaitConsoleLive(this.wait);

		this.api.as(supervisor.token())
			.put("/api/v1/agents/{id}/status", Map.of("status", "OFFLINE"), agent.id())
			.json(200);

		this.wait.until(ExpectedConditions.attributeToBe(FORM, "data-status", "OFFLINE"));
		assertThat(selected()).isEqualTo("OFFLINE");
	}

	private String selected() {
		return new Select(this.driver.findElement(SELECTOR)).getFirstSelectedOption().getAttribute("value");
	}

}
