package io.callbridge.crm.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import io.callbridge.crm.FakeCrmConnector;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real headless Chromium: an admin opens CRM from the menu, creates a connection to
 * a (fake) CRM, checks it and connects it, seeing each answer of the CRM appear on the
 * page, with no Content-Security-Policy violation.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
@Import(FakeCrmConnector.Configuration.class)
class CrmConnectionBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	FakeCrmConnector crm;

	private WebDriver driver;

	private WebDriverWait wait;

	@BeforeEach
	void startBrowser() throws IOException {
		this.driver = Browser.start();
		this.wait = Browser.waiting(this.driver);
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void anAdminCreatesChecksAndConnectsAConnection() {
		long tenant = this.data.anyTenant();
		String account = this.data.sandboxAccount(tenant).name();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		Browser.logIn(this.driver, this.wait, this.port, admin);

		this.driver.findElement(By.id("nav-crm")).click();
		this.wait.until(ExpectedConditions.elementToBeClickable(By.id("crm-new"))).click();
		List<WebElement> choices = this.driver.findElements(By.linkText("Fake CRM"));
		if (!choices.isEmpty()) {
			// Other connectors are installed too: choose the fake one.
			choices.get(0).click();
		}
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-name-input")))
			.sendKeys("Browser shop");
		this.driver.findElement(By.id("crm-base-url")).sendKeys("http://127.0.0.1:9/crm");
		this.driver.findElement(By.id("crm-integration-code")).clear();
		this.driver.findElement(By.id("crm-integration-code")).sendKeys("cb-browser-" + tenant);
		new Select(this.driver.findElement(By.id("crm-accounts"))).selectByVisibleText(account);
		this.driver.findElement(By.id("crm-secret-apiKey")).sendKeys("browser-key-1234");
		this.driver.findElement(By.id("crm-save")).click();

		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-notice"))).getText())
			.contains("Connection created");
		assertThat(this.driver.findElement(By.id("crm-secret-apiKey")).getAttribute("value")).isEmpty();
		String url = this.driver.getCurrentUrl();

		this.driver.findElement(By.id("crm-check-button")).click();
		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-check"))).getText())
			.contains("Check passed.", "The fake CRM accepted the key.");
		assertThat(this.driver.getCurrentUrl()).isEqualTo(url);

		this.driver.findElement(By.id("crm-connect-button")).click();
		assertThat(this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-connected"))).getText())
			.contains("Connected: the CRM took the registration.");
		this.driver.navigate().refresh();
		assertThat(this.wait
			.until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#crm-registration .registration-state")))
			.getAttribute("data-state")).isEqualTo("REGISTERED");
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
