package io.callbridge.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Random;

import io.callbridge.shared.Role;
import io.callbridge.statistics.web.DashboardFacts;
import io.callbridge.support.Browser;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Takes the README's screenshots in headless Chromium ({@code docs/images}). Not part of
 * the test suite: run with
 * {@code ./mvnw test -Dtest=ScreenshotTour -Dsurefire.excludedGroups= -DskipPostgresTests=true}.
 */
@Tag("screenshots")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ScreenshotTour {

	private static final Path OUT = Path.of("docs/images");

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	DashboardFacts facts;

	@Test
	void takesTheReadmeScreenshots() throws IOException {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyAgentWithExtension(tenant, Role.ADMIN, "100");
		this.data.anyContact(tenant, "Lucía Fernández", agent.id(), "+34 612 345 678");
		this.data.anyContact(tenant, "Ana Ruiz", "+34 699 000 111");
		this.data.anyContact(tenant, "Pedro Ruiz", "+34 699 000 111");
		WebDriver driver = Browser.start();
		try {
			WebDriverWait wait = Browser.waiting(driver);
			Browser.logIn(driver, wait, this.port, agent);
			String console = driver.getWindowHandle();
			driver.switchTo().newWindow(WindowType.TAB);
			driver.get(url("/sandbox"));
			ring(driver, wait, "612 345 678");
			shot(driver, "sandbox.png");
			driver.switchTo().window(console);
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".call-card .contact-name")));
			shot(driver, "console-popup.png");
			driver.get(url("/console?lang=es"));
			wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".call-card")));
			shot(driver, "console-popup-es.png");
			driver.get(url("/console?lang=en"));
			driver.get(url("/contacts"));
			shot(driver, "contacts.png");
			driver.get(url("/calls"));
			shot(driver, "calls.png");
			aWeekOfCalls(tenant, List.of(agent.id(), this.data.anyAgentWithExtension(tenant, Role.AGENT, "101").id(),
					this.data.anyAgentWithExtension(tenant, Role.AGENT, "102").id()));
			driver.get(url("/statistics?period=7d&lang=en"));
			wait.until(ExpectedConditions.presenceOfElementLocated(By.id("canvas-by-day")));
			shot(driver, "statistics.png");
			driver.switchTo().newWindow(WindowType.TAB);
			driver.get(url("/sandbox"));
			ring(driver, wait, "699 000 111");
			driver.switchTo().window(console);
			driver.get(url("/statistics/wallboard?lang=es"));
			wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#wb-ringing tbody tr")));
			wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("wb-ringing-empty")));
			// The doughnut's opening animation.
			wait.withTimeout(Duration.ofSeconds(2)).pollingEvery(Duration.ofMillis(1500)).until((d) -> true);
			shot(driver, "wallboard-es.png");
		}
		finally {
			driver.quit();
		}
	}

	// Calls of the last seven days for the dashboard's picture: busier mid-morning and
	// mid-afternoon, mostly answered, a few outcomes and costs. A fixed seed, so the
	// picture
	// only changes when the page does.
	private void aWeekOfCalls(long tenant, List<Long> agents) {
		long account = this.data.sandboxAccount(tenant).id();
		ZoneId zone = ZoneId.of("Europe/Madrid");
		Random random = new Random(15);
		CallResult[] results = { CallResult.ANSWERED, CallResult.ANSWERED, CallResult.ANSWERED, CallResult.ANSWERED,
				CallResult.MISSED, CallResult.BUSY, CallResult.CANCELLED };
		String[] outcomes = { "interested", "call-back", "not-interested", "payment-promise" };
		LocalDate today = LocalDate.now(zone);
		for (int day = 6; day >= 0; day--) {
			for (int hour = 8; hour < 20; hour++) {
				int calls = (hour == 10 || hour == 11 || hour == 16) ? 6 : 2 + random.nextInt(3);
				for (int i = 0; i < calls; i++) {
					CallResult result = results[random.nextInt(results.length)];
					boolean answered = result == CallResult.ANSWERED;
					CallDirection direction = random.nextInt(3) == 0 ? CallDirection.OUTBOUND : CallDirection.INBOUND;
					DashboardFacts.CallFact call = this.facts.anyCall(tenant, account, zone)
						.at(today.minusDays(day), hour, random.nextInt(60))
						.ended(direction, result, 3 + random.nextInt(25), answered ? 30 + random.nextInt(400) : 0)
						.by(answered ? agents.get(random.nextInt(agents.size())) : null)
						.costing("sandbox", "0.0" + (1 + random.nextInt(9)), "EUR");
					if (answered && random.nextInt(3) == 0) {
						call = call.disposed(outcomes[random.nextInt(outcomes.length)], null, null);
					}
					this.facts.save(call);
				}
			}
		}
	}

	private static void ring(WebDriver driver, WebDriverWait wait, String from) {
		wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sim-from"))).sendKeys(from);
		driver.findElement(By.id("sim-start")).click();
		wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sandbox-calls [data-sandbox-call]")));
	}

	private static void shot(WebDriver driver, String name) throws IOException {
		Files.createDirectories(OUT);
		Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
		Files.copy(file, OUT.resolve(name), StandardCopyOption.REPLACE_EXISTING);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
