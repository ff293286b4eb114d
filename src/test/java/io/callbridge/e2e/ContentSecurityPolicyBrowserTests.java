package io.callbridge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import io.callbridge.contacts.Contact;
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
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real headless Chromium with the Content-Security-Policy on: the console (live
 * stream and a pop-up card), the other pages and Swagger UI work, confirmations still
 * ask, and the browser's console reports no policy violation.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class ContentSecurityPolicyBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

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
	void consoleAndPagesRunWithoutPolicyViolations() {
		long tenant = this.data.anyTenant();
		TestUser admin = this.data.anyAgentWithExtension(tenant, Role.ADMIN, "100");
		Contact contact = this.data.anyContact(tenant, "Policy Checked", "+34 612 000 601");
		Browser.logIn(this.driver, this.wait, this.port, admin);
		Browser.awaitConsoleLive(this.wait);

		String console = this.driver.getWindowHandle();
		this.driver.switchTo().newWindow(WindowType.TAB);
		this.driver.get(url("/sandbox"));
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sim-from"))).sendKeys("612 000 601");
		new Select(this.driver.findElement(By.id("sim-scenario"))).selectByValue("MANUAL");
		this.driver.findElement(By.id("sim-start")).click();
		this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sandbox-calls [data-sandbox-call]")));
		this.driver.switchTo().window(console);
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), contact.name()));
		for (String page : List.of("/contacts", "/calls", "/tasks", "/admin/agents", "/admin/telephony",
				"/admin/api-tokens", "/admin/audit", "/blacklist", "/cases", "/contacts/" + contact.id() + "/cases/new",
				"/contacts/" + contact.id())) {
			this.driver.get(url(page));
			this.wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
		}

		this.driver.findElement(By.cssSelector("form[data-confirm] button")).click();
		this.wait.until(ExpectedConditions.alertIsPresent()).dismiss();
		assertThat(this.driver.getCurrentUrl()).endsWith("/contacts/" + contact.id());
		assertThat(policyViolations()).isEmpty();
	}

	@Test
	void swaggerUiRendersUnderItsOwnPolicy() throws Exception {
		// springdoc builds the API document on its first request, which on a busy 2-core
		// machine took longer than the browser's wait; it is built here first, so the
		// wait below is for the page only.
		HttpResponse<String> document = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/v3/api-docs"))).timeout(Duration.ofMinutes(2)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(document.statusCode()).isEqualTo(200);
		this.driver.get(url("/swagger-ui.html"));

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".swagger-ui .info .title"),
				"Callbridge API"));
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".opblock-tag")));
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

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
