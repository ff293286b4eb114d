package io.callbridge.e2e;

import java.io.IOException;
import java.util.List;

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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in a real headless Chromium: an agent logs in, a call is simulated on the
 * sandbox PBX, the caller's card pops up live in the console, the agent records the
 * outcome, and the call with its outcome is in the call history.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class AgentConsoleBrowserTests {

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
	void inboundCallPopsUpTheContactAndItsDispositionReachesTheHistory() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "100");
		Contact contact = this.data.anyContact(tenant, "Lucía Fernández", "+34 612 345 678");

		logIn(agent);
		String console = this.driver.getWindowHandle();
		awaitLive();

		String sandbox = openSandboxAndRing("612 345 678");
		this.driver.switchTo().window(console);
		// The card is re-rendered whenever the call changes, so it is always looked up
		// afresh.
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), contact.name()));
		this.wait
			.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "RINGING_FOR_ME"));
		String callId = this.wait
			.until((d) -> d.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id"));

		this.driver.switchTo().window(sandbox);
		clickWhenReady(By.cssSelector("#sandbox-calls button.answer"));
		this.driver.switchTo().window(console);
		this.wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "MINE"));

		this.driver.switchTo().window(sandbox);
		clickWhenReady(By.cssSelector("#sandbox-calls button.hangup"));
		this.driver.switchTo().window(console);
		this.wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "ENDED"));

		new Select(this.driver.findElement(By.cssSelector(".call-card form.disposition select[name=outcome]")))
			.selectByValue("interested");
		this.driver.findElement(By.cssSelector(".call-card form.disposition textarea[name=notes]"))
			.sendKeys("Wants the premium plan");
		this.driver.findElement(By.cssSelector(".call-card form.disposition input[name=chargeAmount]"))
			.sendKeys("12,50");
		this.driver.findElement(By.cssSelector(".call-card button.save-disposition")).click();
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".call-card .alert.ok")));

		this.driver.get(url("/calls"));
		WebElement row = this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-call-id='" + callId + "']")));
		assertThat(row.getText()).contains(contact.name());
		this.driver.get(url("/calls/" + callId));
		assertThat(
				this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".disposition-outcome")))
					.getText())
			.contains("Interested");
		assertThat(this.driver.getPageSource()).contains("Wants the premium plan").contains("12.50");
	}

	@Test
	void severalContactsWithTheNumberLetTheAgentChooseAndUnknownNumbersOfferToCreateAContact() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "101");
		this.data.anyContact(tenant, "Ana Ruiz", "+34 699 000 111");
		this.data.anyContact(tenant, "Pedro Ruiz", "+34 699 000 111");

		logIn(agent);
		String console = this.driver.getWindowHandle();
		awaitLive();
		String sandbox = openSandboxAndRing("699000111");
		this.driver.switchTo().window(console);
		this.wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".call-card .chooser form"), 2));
		this.wait.until((d) -> {
			List<WebElement> choices = d.findElements(By.cssSelector(".call-card .chooser form"));
			WebElement pedro = choices.stream()
				.filter((c) -> c.getText().contains("Pedro Ruiz"))
				.findFirst()
				.orElseThrow();
			pedro.findElement(By.cssSelector("button.choose")).click();
			return true;
		});
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), "Pedro Ruiz"));

		this.driver.switchTo().window(sandbox);
		clickWhenReady(By.cssSelector("#sandbox-calls button.hangup"));
		this.driver.findElement(By.id("sim-from")).clear();
		ring("+34 611 222 333");
		this.driver.switchTo().window(console);
		WebElement create = this.wait.until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector(".call-card .unknown form.create-contact")));
		create.findElement(By.name("name")).sendKeys("Nuevo Cliente");
		create.findElement(By.cssSelector("button")).click();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".call-card .contact-name"),
				"Nuevo Cliente"));
	}

	private void logIn(TestUser user) {
		Browser.logIn(this.driver, this.wait, this.port, user);
	}

	private void awaitLive() {
		Browser.awaitConsoleLive(this.wait);
	}

	private String openSandboxAndRing(String from) {
		this.driver.switchTo().newWindow(WindowType.TAB);
		this.driver.get(url("/sandbox"));
		ring(from);
		return this.driver.getWindowHandle();
	}

	private void ring(String from) {
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sim-from"))).sendKeys(from);
		new Select(this.driver.findElement(By.id("sim-scenario"))).selectByValue("MANUAL");
		this.driver.findElement(By.id("sim-start")).click();
		this.wait
			.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sandbox-calls [data-sandbox-call]")));
	}

	// The sandbox panel re-renders itself every 2 s: a button found just before a
	// re-render is stale by the click, so it is looked up afresh until the click lands.
	private void clickWhenReady(By button) {
		this.wait.until((d) -> {
			WebElement found = ExpectedConditions.elementToBeClickable(button).apply(d);
			if (found == null) {
				return false;
			}
			found.click();
			return true;
		});
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
