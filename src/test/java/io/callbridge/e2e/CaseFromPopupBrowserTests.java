package io.callbridge.e2e;

import java.io.IOException;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a real headless Chromium: an agent gets the pop-up of a known contact's call,
 * records the call as a follow-up of a new case in one step, and the customer's file then
 * shows that case on its timeline with the follow-up linked to the call.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class CaseFromPopupBrowserTests {

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
	void agentRecordsTheCallAsAFollowUpOfANewCaseFromThePopupAndTheTimelineShowsIt() {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.AGENT, "410");
		Contact contact = this.data.anyContact(tenant, "Elena Ruiz", "+34 677 888 999");
		Browser.logIn(this.driver, this.wait, this.port, agent);
		Browser.awaitConsoleLive(this.wait);

		String sandboxCall = this.api.as(agent.token())
			.post("/api/v1/sandbox/calls", Map.of("from", "677888999", "extension", "410"))
			.json(201)
			.get("id")
			.asString();
		this.wait.until(ExpectedConditions.textToBe(By.cssSelector(".call-card .contact-name"), "Elena Ruiz"));
		String callId = this.wait
			.until((d) -> d.findElement(By.cssSelector(".call-card")).getAttribute("data-call-id"));
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/answer", Map.of(), sandboxCall).hasStatus(200);
		this.api.as(agent.token()).post("/api/v1/sandbox/calls/{id}/hangup", Map.of(), sandboxCall).hasStatus(200);
		this.wait.until(ExpectedConditions.attributeToBe(By.cssSelector(".call-card"), "data-relation", "ENDED"));
		Browser.awaitCallEndedShown(this.wait);

		// The card is re-rendered by each change of the call: the form is looked up
		// afresh
		// until the submission lands.
		this.wait.until((d) -> {
			WebElement form = d.findElement(By.cssSelector(".call-card form.call-follow-up"));
			new Select(form.findElement(By.name("caseId"))).selectByValue("");
			WebElement subject = form.findElement(By.name("subject"));
			subject.clear();
			subject.sendKeys("Wants to move house");
			WebElement text = form.findElement(By.name("text"));
			text.clear();
			text.sendKeys("Moving on the 1st; asked to keep the number");
			form.findElement(By.cssSelector("button.record-follow-up")).click();
			return true;
		});
		WebElement recorded = this.wait
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".call-card .follow-up-recorded")));
		assertThat(recorded.getText()).contains("Wants to move house");
		String caseId = recorded.getAttribute("data-case-id");

		this.driver.get("http://localhost:" + this.port + "/contacts/" + contact.id());
		WebElement entry = this.wait.until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#contact-timeline .timeline-entry.case [data-case-id='" + caseId + "']")));
		assertThat(entry.getText()).contains("Wants to move house").contains("Open");
		WebElement caseEntry = this.driver
			.findElement(By.xpath("//li[contains(@class,'timeline-entry') and .//*[@data-case-id='" + caseId + "']]"));
		assertThat(caseEntry.getText()).contains("Moving on the 1st; asked to keep the number");
		WebElement callLink = caseEntry.findElement(By.cssSelector(".follow-ups a.follow-up-call"));
		assertThat(callLink.getAttribute("href")).endsWith("/calls/" + callId);
		assertThat(this.driver
			.findElements(By.cssSelector("#contact-timeline .timeline-entry.call [data-call-id='" + callId + "']")))
			.hasSize(1);
	}

}
