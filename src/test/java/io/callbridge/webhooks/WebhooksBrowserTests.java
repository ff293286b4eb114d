package io.callbridge.webhooks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import io.callbridge.shared.Role;
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
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import io.callbridge.support.OwnDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * In a real headless Chromium: an admin goes to Integration, creates a webhook endpoint
 * for customer events, sees its signing secret once, sends a test event and sees it
 * delivered in the log, with no Content-Security-Policy violation.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
@TestPropertySource(properties = "callbridge.webhooks.allow-private-targets=true")
class WebhooksBrowserTests {

	// Its deliveries go to receivers on loopback, which only nodes allowing private
	// targets reach. On PostgreSQL the suite's other cached contexts share one database
	// as nodes that do not, and would claim and refuse its deliveries now and then.
	@DynamicPropertySource
	static void ownDatabase(DynamicPropertyRegistry registry) {
		OwnDatabase.onPostgres(registry, "wh_browser");
	}

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	private LoopbackReceiver receiver;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser() throws IOException {
		this.receiver = LoopbackReceiver.start();
		this.driver = Browser.start();
		this.wait = Browser.waiting(this.driver);
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		this.receiver.close();
	}

	@Test
	void anAdminCreatesAnEndpointAndSendsATestEvent() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		Browser.logIn(this.driver, this.wait, this.port, admin);

		this.driver.findElement(By.linkText("Integration")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("webhooks-link"))).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("new-webhook"))).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhook-url")))
			.sendKeys(this.receiver.url() + "/browser-hook");
		this.driver.findElement(By.id("webhook-description")).sendKeys("Browser test");
		this.driver.findElement(By.id("type-customer-all")).click();
		this.driver.findElement(By.id("webhook-save")).click();

		String secret = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#endpoint-secret code.secret")))
			.getText();
		assertThat(secret).startsWith("whsec_");
		assertThat(this.driver.findElement(By.id("endpoint-url")).getText())
			.isEqualTo(this.receiver.url() + "/browser-hook");

		this.driver.findElement(By.cssSelector("#send-test button")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("test-sent")));
		assertThat(this.driver.findElements(By.id("endpoint-secret"))).isEmpty();

		await().atMost(Duration.ofSeconds(20)).until(() -> !this.receiver.received().isEmpty());
		assertThat(this.receiver.received().get(0).body()).contains("\"type\":\"webhook.test\"");
		assertThat(LoopbackReceiver.validSignature(this.receiver.received().get(0), secret)).isTrue();
		this.wait.withTimeout(Duration.ofSeconds(20)).until((d) -> {
			d.navigate().refresh();
			return !d.findElements(By.cssSelector("#deliveries tr[data-state='DELIVERED']")).isEmpty();
		});
		assertThat(this.driver.findElement(By.cssSelector("#deliveries tr[data-state='DELIVERED']")).getText())
			.contains("webhook.test");
		assertThat(policyViolations()).isEmpty();
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
