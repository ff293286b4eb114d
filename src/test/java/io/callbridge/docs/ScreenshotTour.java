package io.callbridge.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.callbridge.shared.Role;
import io.callbridge.support.Browser;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
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
		}
		finally {
			driver.quit();
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
