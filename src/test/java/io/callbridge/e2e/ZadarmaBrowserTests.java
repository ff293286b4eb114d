package io.callbridge.e2e;

import java.io.IOException;
import java.time.ZoneId;
import java.util.Map;

import io.callbridge.agents.AgentService;
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
import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.ZadarmaCallPlayer.RingingCall;
import io.callbridge.zadarma.ZadarmaCallPlayer.Sent;
import io.callbridge.zadarma.ZadarmaSimulator;
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
 * End to end in real headless Chromiums with a Zadarma account on the simulator: the
 * simulator's signed notifications (NOTIFY_START, NOTIFY_INTERNAL, NOTIFY_ANSWER,
 * NOTIFY_END) reach the agents' consoles live, one notification at a time.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class ZadarmaBrowserTests {

	private static final String SECRET = "zd-secret";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	TelephonyAccounts accounts;

	@Autowired
	AgentService agents;

	private ZadarmaSimulator zadarma;

	private WebDriver ana;

	private WebDriver luis;

	@BeforeEach
	void zadarmaAccountOnTheSimulator() {
		this.zadarma = ZadarmaSimulator.start("zd-key", SECRET, SimulatedClock.startingNow(),
				ZoneId.of("Europe/Madrid"));
	}

	@AfterEach
	void stopBrowsersAndSimulator() {
		if (this.ana != null) {
			this.ana.quit();
		}
		if (this.luis != null) {
			this.luis.quit();
		}
		this.zadarma.close();
	}

	@Test
	void zadarmaCallRingingTwoExtensionsPopsUpForBothAndClosesTheColleaguesCardWhenOneAnswers() throws IOException {
		long tenant = this.data.anyTenant();
		TelephonyAccount account = this.accounts.create(tenant, "zadarma", "Zadarma main", true,
				Map.of("timeZone", "Europe/Madrid", "baseUrl", this.zadarma.baseUrl().toString()),
				new Credentials(Map.of("key", "zd-key", "secret", SECRET)));
		TestUser anaUser = this.data.anyUser(tenant, Role.AGENT);
		TestUser luisUser = this.data.anyUser(tenant, Role.AGENT);
		this.agents.assignExtension(tenant, anaUser.id(), account.id(), "100");
		this.agents.assignExtension(tenant, luisUser.id(), account.id(), "101");
		Contact contact = this.data.anyContact(tenant, "Lucía Fernández", "+34 612 345 678");
		this.zadarma.pbx().webhook("http://localhost:" + this.port + "/webhooks/zadarma/" + account.webhookToken());
		this.ana = Browser.start();
		this.luis = Browser.start();
		WebDriverWait anaWaits = Browser.waiting(this.ana);
		WebDriverWait luisWaits = Browser.waiting(this.luis);
		logIn(this.ana, anaWaits, anaUser);
		logIn(this.luis, luisWaits, luisUser);

		RingingCall call = this.zadarma.calls().ringInbound("34612345678", "34910000000", "100", "101");

		for (WebDriverWait wait : new WebDriverWait[] { anaWaits, luisWaits }) {
			wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), contact.name()));
			wait.until(
					ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "RINGING_FOR_ME"));
		}

		call.answer("100");
		anaWaits.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "MINE"));
		// The colleague's card says who took the call, then closes by itself.
		luisWaits.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector(".call-card .answered-elsewhere"), anaUser.agent().displayName()));
		luisWaits.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".call-card"), 0));
		long luisEvents = consoleEvents(this.luis);

		call.hangUp(42);
		anaWaits.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "ENDED"));
		anaWaits.until(
				ExpectedConditions.attributeContains(By.cssSelector(".call-card .badge.ended"), "class", "ANSWERED"));
		// The end of the call reaches the colleague's console too, but does not bring the
		// closed card back.
		luisWaits.until((driver) -> consoleEvents(driver) > luisEvents);
		assertThat(this.luis.findElements(By.cssSelector(".call-card"))).isEmpty();
		assertThat(this.ana.findElement(By.cssSelector(".call-card .contact-name")).getText())
			.isEqualTo(contact.name());
		assertThat(this.zadarma.calls().events(call.pbxCallId())).containsExactly("NOTIFY_START", "NOTIFY_INTERNAL",
				"NOTIFY_INTERNAL", "NOTIFY_ANSWER", "NOTIFY_END");
		assertThat(this.zadarma.calls().sent()).extracting(Sent::status).containsOnly(200);
	}

	private static long consoleEvents(WebDriver driver) {
		Object count = ((org.openqa.selenium.JavascriptExecutor) driver)
			.executeScript("return window.callbridgeConsole.events;");
		return ((Number) count).longValue();
	}

	private void logIn(WebDriver driver, WebDriverWait wait, TestUser user) {
		Browser.logIn(driver, wait, this.port, user);
		Browser.awaitConsoleLive(wait);
	}

}
