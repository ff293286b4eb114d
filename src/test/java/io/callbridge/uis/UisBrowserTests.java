package io.callbridge.uis;

import java.io.IOException;

import io.callbridge.agents.AgentService;
import io.callbridge.contacts.Contact;
import io.callbridge.shared.Role;
import io.callbridge.support.Browser;
import io.callbridge.support.BrowserAvailability;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.support.UiSession;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisNotificationSender.Posted;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end in real headless Chromiums with a UIS account on the {@link UisSimulator},
 * its notifications configured from the account's setup page: a call ringing at two
 * employees pops up in both agents' consoles, the colleague's card closes when one
 * answers, and the card ends answered when the caller hangs up.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class UisBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentService agents;

	private UisSimulator uis;

	private WebDriver ana;

	private WebDriver luis;

	@BeforeEach
	void startTheSimulator() {
		this.uis = UisEndToEndTests.simulatorWithEmployees();
	}

	@AfterEach
	void stopBrowsersAndSimulator() {
		if (this.ana != null) {
			this.ana.quit();
		}
		if (this.luis != null) {
			this.luis.quit();
		}
		this.uis.close();
	}

	@Test
	void uisCallRingingTwoEmployeesPopsUpForBothAgentsAndEndsAnsweredForTheOneWhoTookIt() throws IOException {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = UisEndToEndTests.uisAccount(this.accounts, tenant, this.uis);
		TestUser anaUser = this.data.anyUser(tenant, Role.AGENT);
		TestUser luisUser = this.data.anyUser(tenant, Role.AGENT);
		this.agents.assignExtension(tenant, anaUser.id(), account.id(), "25");
		this.agents.assignExtension(tenant, luisUser.id(), account.id(), "26");
		Contact contact = this.data.anyContact(tenant, "Ivan Petrov", "+7 926 111 22 33");
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		UisSetupPage.configure(UiSession.logIn(this.port, admin.username(), admin.password()), account.id(),
				UisEndToEndTests.SECRET, this.uis);
		this.ana = Browser.start();
		this.luis = Browser.start();
		WebDriverWait anaWaits = Browser.waiting(this.ana);
		WebDriverWait luisWaits = Browser.waiting(this.luis);
		logIn(this.ana, anaWaits, anaUser);
		logIn(this.luis, luisWaits, luisUser);

		UisRingingCall call = this.uis.calls().ringInbound("79261112233", UisEndToEndTests.VIRTUAL_NUMBER, 25, 26);

		for (WebDriverWait wait : new WebDriverWait[] { anaWaits, luisWaits }) {
			wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), contact.name()));
			wait.until(
					ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "RINGING_FOR_ME"));
		}

		call.after(5).answer(25);
		anaWaits.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "MINE"));
		luisWaits.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector(".call-card .answered-elsewhere"), anaUser.agent().displayName()));
		luisWaits.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".call-card"), 0));
		long luisEvents = consoleEvents(this.luis);

		call.after(42).hangUp();
		anaWaits.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "ENDED"));
		anaWaits.until(
				ExpectedConditions.attributeContains(By.cssSelector(".call-card .badge.ended"), "class", "ANSWERED"));
		// The end reaches the colleague's console too, without bringing the closed card
		// back.
		luisWaits.until((driver) -> consoleEvents(driver) > luisEvents);
		assertThat(this.luis.findElements(By.cssSelector(".call-card"))).isEmpty();
		assertThat(this.uis.calls().slugs(call.sessionId())).containsExactly("call-incoming", "waiting", "waiting",
				"talk-started", "talk-finished", "call-finished", "recording");
		assertThat(this.uis.calls().posted()).extracting(Posted::status).containsOnly(200);
	}

	private static long consoleEvents(WebDriver driver) {
		Object count = ((JavascriptExecutor) driver).executeScript("return window.callbridgeConsole.events;");
		return ((Number) count).longValue();
	}

	private void logIn(WebDriver driver, WebDriverWait wait, TestUser user) {
		Browser.logIn(driver, wait, this.port, user);
		Browser.awaitConsoleLive(wait);
	}

}
