package io.callbridge.e2e;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import io.callbridge.contacts.Contact;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The open console keeps itself up to date in a real headless Chromium: one card per call
 * whatever messages arrive for it (a transfer sends several at once), tasks and finished
 * calls in its panels without a reload, the agent's own call hung up from it, and a
 * refused outcome answered on the card itself.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class AgentConsoleLiveBrowserTests {

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
	void aTransferredCallShowsOneCardAtTheReceivingAgent() {
		long tenant = this.data.anyTenant();
		TestUser first = this.data.anyAgentWithExtension(tenant, Role.AGENT, "200");
		TestUser receiving = this.data.anyAgentWithExtension(tenant, Role.AGENT, "201");
		this.data.anyContact(tenant, "Marta López", "+34 655 111 222");
		logIn(receiving);
		awaitLive();

		for (int call = 1; call <= 3; call++) {
			String sandboxCall = this.api.as(first.token())
				.post("/api/v1/sandbox/calls", Map.of("from", "655111222", "extension", "200"))
				.json(201)
				.get("id")
				.asString();
			this.api.as(first.token())
				.post("/api/v1/sandbox/calls/{id}/answer", Map.of("extension", "200"), sandboxCall)
				.hasStatus(200);
			this.api.as(first.token())
				.post("/api/v1/sandbox/calls/{id}/transfer", Map.of("extension", "201"), sandboxCall)
				.hasStatus(200);
			// The transfer is this console's one message about the call (the answer by
			// its extension after it changes nothing more): once it is heard and no card
			// is loading, the transfer is on screen, and a second card would show.
			this.wait.until((d) -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
					var console = window.callbridgeConsole;
					var mine = document.querySelector(".call-card[data-relation='MINE']");
					return !!mine && !!console.lastChange && console.lastChange.change === 'transferred'
					    && String(console.lastChange.callId) === mine.dataset.callId
					    && console.cardsLoading() === 0""")));
			List<String> shown = this.driver.findElements(By.cssSelector(".call-card"))
				.stream()
				.map((card) -> card.getAttribute("data-call-id"))
				.toList();
			assertThat(shown).as("cards after transfer %d", call).hasSize(call).doesNotHaveDuplicates();
			this.api.as(first.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).hasStatus(200);
			this.wait
				.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".call-card[data-relation='MINE']"), 0));
		}
		WebElement card = this.driver.findElement(By.cssSelector(".call-card"));
		assertThat(card.findElement(By.cssSelector(".contact-name")).getText()).isEqualTo("Marta López");
	}

	@Test
	void tasksAndFinishedCallsShowInTheOpenConsoleWithoutAReload() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "300");
		Contact contact = this.data.anyContact(tenant, "Jorge Muñoz", "+34 666 777 888");
		logIn(agent);
		awaitLive();
		((JavascriptExecutor) this.driver).executeScript("window.notReloaded = true;");

		String sandboxCall = this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "666777888", "extension", "300"))
			.json(201)
			.get("id")
			.asString();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), "Jorge Muñoz"));
		String callId = this.wait
			.until((d) -> d.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id"));
		long taskId = this.api.as(agent.token())
			.post("/api/v1/tasks",
					Map.of("title", "Send the quote", "assigneeId", agent.id(), "contactId", contact.id()))
			.json(201)
			.get("id")
			.asLong();
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("my-tasks"), "Send the quote"));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".call-card .open-tasks"),
				"Send the quote"));

		this.api.as(agent.token()).post("/api/v1/tasks/{id}/complete", Map.of(), taskId).hasStatus(200);
		this.wait.until(ExpectedConditions
			.not(ExpectedConditions.textToBePresentInElementLocated(By.id("my-tasks"), "Send the quote")));

		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/answer", Map.of(), sandboxCall).hasStatus(200);
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).hasStatus(200);
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(
				By.cssSelector("#recent-calls li[data-call-id='" + callId + "'] .badge"), "Answered"));
		assertThat(((JavascriptExecutor) this.driver).executeScript("return window.notReloaded === true"))
			.as("the page was not reloaded")
			.isEqualTo(true);
	}

	@Test
	void theAgentHangsUpTheirClickToCallFromTheConsoleAndCallsAgain() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "310");
		logIn(agent);
		awaitLive();

		dial("600 123 456");
		WebElement hangUp = this.wait
			.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#active-call-panel button.hang-up")));
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#active-call-panel .badge"),
				"In progress"));
		dial("600 123 457");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"),
				"You already have a call in progress"));

		// The panel is re-rendered by every change of the call: the button is looked up
		// afresh until the click lands.
		this.wait.until((d) -> {
			d.findElement(By.cssSelector("#active-call-panel button.hang-up")).click();
			return true;
		});
		this.wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("#active-call-panel h2")));
		this.wait.until(
				ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#recent-calls .badge"), "Answered"));
		dial("600 123 458");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "+34 600 12 34 58"));
	}

	@Test
	void aRefusedOutcomeShowsItsErrorOnTheCardWithoutTheEarlierSavedNotice() {
		endedCallOnTheConsole("320", "699111000");

		saveOutcome("10");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".call-card .alert.ok")));
		saveOutcome("abc");

		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".call-card .form-errors"),
				"'abc' is not an amount."));
		assertThat(this.driver.findElements(By.cssSelector(".call-card .alert.ok"))).isEmpty();
		assertThat(chargeShown()).isEqualTo("abc");
	}

	@Test
	void aCardLoadedAgainUnchangedKeepsWhatItsFormAnswered() {
		endedCallOnTheConsole("321", "699111001");
		saveOutcome("abc");
		this.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".call-card .form-errors"),
				"'abc' is not an amount."));

		// What a late message about the call, or a reconnect, does: the card loaded
		// again,
		// the same as before (nothing was saved).
		reloadCard(this.driver.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id"));

		assertThat(this.driver.findElement(By.cssSelector(".call-card .form-errors")).getText())
			.as("the form's answer is still shown")
			.contains("'abc' is not an amount.");
		assertThat(chargeShown()).isEqualTo("abc");
		assertThat(this.driver.findElements(By.cssSelector(".call-card"))).hasSize(1);
	}

	@Test
	void aCardLoadedAgainAfterItsFormSavedShowsWhatIsStoredNow() {
		TestUser agent = endedCallOnTheConsole("322", "699111002");
		String callId = this.driver.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id");
		Map<String, Object> stored = Map.of("outcome", "interested", "notes", "First", "chargeAmount", 5);
		this.api.as(agent.token()).put("/api/v1/calls/{id}/disposition", stored, callId).hasStatus(200);
		reloadCard(callId);
		String storedCharge = chargeShown();
		assertThat(storedCharge).startsWith("5");

		// Saved on the card: a load bringing what it saved leaves its answer shown.
		saveOutcome("10");
		this.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".call-card .alert.ok")));
		assertThat(chargeShown()).startsWith("10");
		reloadCard(callId);
		assertThat(this.driver.findElements(By.cssSelector(".call-card .alert.ok"))).as("Saved. still shown")
			.hasSize(1);

		// Set back by another client to what the card had loaded before: a load must show
		// it, though it brings the card as loaded before.
		this.api.as(agent.token()).put("/api/v1/calls/{id}/disposition", stored, callId).hasStatus(200);
		reloadCard(callId);

		assertThat(chargeShown()).isEqualTo(storedCharge);
	}

	@Test
	void aCardIsNotReplacedWhileItsFormIsBeingSent() {
		TestUser agent = endedCallOnTheConsole("323", "699111003");
		String callId = this.driver.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id");
		formBeingSent();
		storeCharge(agent, callId, 7);

		reloadCard(callId);
		assertThat(chargeShown()).as("the card in place until the answer is in").isEmpty();
		assertThat(this.driver.findElements(By.cssSelector(".call-card form.disposition.htmx-request"))).hasSize(1);

		// The request ends as htmx tells it: the card is loaded again, and shows the
		// change.
		formAnswered();
		this.wait.until((d) -> chargeShown().startsWith("7"));
		assertThat(this.driver.findElements(By.cssSelector(".call-card"))).hasSize(1);

		// Again on the same card, kept after a request that changed nothing (a search,
		// say): each request's end loads it again.
		formBeingSent();
		reloadCard(callId);
		formAnswered();
		reloadsSettle();
		formBeingSent();
		storeCharge(agent, callId, 8);
		reloadCard(callId);
		assertThat(chargeShown()).startsWith("7");
		formAnswered();
		this.wait.until((d) -> chargeShown().startsWith("8"));
	}

	// A form of the card being sent, as htmx marks it: its answer will replace the card.
	private void formBeingSent() {
		((JavascriptExecutor) this.driver)
			.executeScript("document.querySelector('.call-card form.disposition').classList.add('htmx-request')");
	}

	// The form's request ended, as htmx tells it (here without an answer swapped in).
	private void formAnswered() {
		((JavascriptExecutor) this.driver).executeScript("""
				var form = document.querySelector('.call-card form.disposition');
				form.classList.remove('htmx-request');
				form.dispatchEvent(new CustomEvent('htmx:afterRequest', { bubbles: true }));""");
	}

	private void reloadsSettle() {
		this.wait.until((d) -> Boolean.TRUE
			.equals(((JavascriptExecutor) d).executeScript("return window.callbridgeConsole.cardsLoading() === 0")));
	}

	private void storeCharge(TestUser agent, String callId, int amount) {
		this.api.as(agent.token())
			.put("/api/v1/calls/{id}/disposition", Map.of("outcome", "interested", "chargeAmount", amount), callId)
			.hasStatus(200);
	}

	// An agent of a new tenant logged in; a sandbox call from the number rang at the
	// extension, was answered and ended. Returns once the console shows its end.
	private TestUser endedCallOnTheConsole(String extension, String from) {
		TestUser agent = this.data.anyAgentWithExtension(this.data.anyTenant(), Role.AGENT, extension);
		logIn(agent);
		awaitLive();
		String sandboxCall = this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", from, "extension", extension))
			.json(201)
			.get("id")
			.asString();
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/answer", Map.of(), sandboxCall).hasStatus(200);
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).hasStatus(200);
		this.wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "ENDED"));
		Browser.awaitCallEndedShown(this.wait);
		return agent;
	}

	// Loads the call's card again, as a late message about it would, and waits for it.
	private void reloadCard(String callId) {
		JavascriptExecutor page = (JavascriptExecutor) this.driver;
		long loads = ((Number) page.executeScript("return window.callbridgeConsole.cardLoads")).longValue();
		page.executeScript("window.callbridgeConsole.refresh(arguments[0])", callId);
		this.wait.until((d) -> Boolean.TRUE.equals(page.executeScript(
				"return window.callbridgeConsole.cardLoads > arguments[0] && window.callbridgeConsole.cardsLoading() === 0",
				loads)));
	}

	private String chargeShown() {
		return this.driver.findElement(By.cssSelector(".call-card input[name=chargeAmount]")).getAttribute("value");
	}

	private void saveOutcome(String charge) {
		this.wait.until((d) -> {
			WebElement form = d.findElement(By.cssSelector(".call-card form.disposition"));
			new Select(form.findElement(By.name("outcome"))).selectByValue("interested");
			WebElement amount = form.findElement(By.name("chargeAmount"));
			amount.clear();
			amount.sendKeys(charge);
			form.findElement(By.cssSelector("button.save-disposition")).click();
			return true;
		});
	}

	private void dial(String number) {
		WebElement field = this.wait.until(ExpectedConditions.elementToBeClickable(By.id("dial-number")));
		field.clear();
		field.sendKeys(number);
		this.driver.findElement(By.id("dial-submit")).click();
	}

	private void logIn(TestUser user) {
		Browser.logIn(this.driver, this.wait, this.port, user);
	}

	private void awaitLive() {
		Browser.awaitConsoleLive(this.wait);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
