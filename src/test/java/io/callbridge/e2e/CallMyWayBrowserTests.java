package io.callbridge.e2e;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.Browser;
import io.callbridge.support.BrowserAvailability;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.callmyway.CallMyWaySimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in a real headless Chromium with a CallMyWay account on the simulator, on
 * real time: CallMyWay sends no notifications, so the call reaches the agent's console
 * only through the application's polls of the live calls.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class CallMyWayBrowserTests {

	private static final String EP = "8373456";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	private CallMyWaySimulator callmyway;

	private long tenant;

	private TelephonyAccount account;

	private WebDriver driver;

	@BeforeEach
	void accountOnTheSimulator() {
		this.callmyway = CallMyWaySimulator.start("8000100", "secret-pass", Clock.systemUTC(), ZoneOffset.UTC);
		this.callmyway.account().endpoint("43702", EP);
		this.tenant = this.data.anyTenant();
		this.account = this.accounts.create(this.tenant, "callmyway", "CallMyWay", true,
				Map.of("baseUrl", this.callmyway.baseUrl().toString(), "timeZone", "UTC"),
				new Credentials(Map.of("username", "8000100", "password", "secret-pass")));
	}

	@AfterEach
	void stop() {
		if (this.driver != null) {
			this.driver.quit();
		}
		this.accounts.update(this.tenant, this.account.id(), this.account.name(), false, this.account.settings(), null);
		this.callmyway.close();
	}

	@Test
	void aPolledInboundCallPopsUpWithTheContactThenShowsTheAgentInTheCallAndEnded() throws IOException {
		TestUser agent = this.data.anyUser(this.tenant, Role.AGENT);
		this.data.assignExtension(this.tenant, agent.id(), this.account.id(), EP);
		Contact contact = this.data.anyContact(this.tenant, "Lucía Fernández", "+34 612 345 678");
		this.driver = Browser.start();
		// Polls come every 4 s or more: allow a few of them.
		WebDriverWait wait = Browser.waiting(this.driver);
		wait.withTimeout(Duration.ofSeconds(30));
		logIn(wait, agent);

		String callId = this.callmyway.account().startInbound("612345678", EP);

		wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), contact.name()));
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "RINGING_FOR_ME"));

		this.callmyway.account().connect(callId);
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "MINE"));

		this.callmyway.account().end(callId);
		wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "ENDED"));
		assertThat(this.driver.findElement(By.cssSelector(".call-card .contact-name")).getText())
			.isEqualTo(contact.name());
		assertThat(this.callmyway.penalty()).isZero();
	}

	private void logIn(WebDriverWait wait, TestUser user) {
		Browser.logIn(this.driver, wait, this.port, user);
		Browser.awaitConsoleLive(wait);
	}

}
