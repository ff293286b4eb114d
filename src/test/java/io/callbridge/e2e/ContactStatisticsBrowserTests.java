package io.callbridge.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;

import io.callbridge.calls.ContactCallsFixture;
import io.callbridge.calls.ContactCallsFixture.Mixed;
import io.callbridge.support.Browser;
import io.callbridge.support.BrowserAvailability;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The call statistics panel of a contact's file in a real headless Chromium (htmx and the
 * Content-Security-Policy on), in English and Spanish: the figures, the newest recording
 * playable in place with the recordings module's player, another recorded call played
 * when asked, and a recording not fetched shown as the call page shows it.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class ContactStatisticsBrowserTests {

	@LocalServerPort
	int port;

	@Autowired
	ContactCallsFixture fixture;

	private WebDriver driver;

	private WebDriverWait wait;

	private Mixed mixed;

	@BeforeEach
	void startBrowser() throws IOException {
		this.mixed = this.fixture.mixed();
		this.driver = Browser.start();
		this.wait = Browser.waiting(this.driver);
		Browser.logIn(this.driver, this.wait, this.port, this.mixed.agent());
	}

	@AfterEach
	void stopBrowser() {
		if (this.driver != null) {
			this.driver.quit();
		}
	}

	@Test
	void contactFilePlaysTheNewestRecordingInPlaceAndAnotherWhenAsked() throws IOException {
		this.driver.get(url("/contacts/" + this.mixed.contact().id()));

		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contact-stats-figures")));
		assertThat(this.driver.findElement(By.cssSelector("#contact-statistics h2")).getText())
			.isEqualTo("Call statistics");
		assertThat(figure("calls")).isEqualTo("7");
		assertThat(figure("missed")).isEqualTo("2");
		assertThat(figure("talk")).isEqualTo("8:00");
		assertThat(this.driver.findElement(By.id("contact-stats-outcomes")).getText()).contains("Interested 2");
		WebElement audio = awaitAudio(this.mixed.lastRef());
		assertThat(audio.getAttribute("controls")).isNotNull();
		screenshot("contact-statistics-en");

		play(this.mixed.call(1));
		WebElement notFetched = this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#contact-stats-player #recording-panel button.secondary")));
		assertThat(notFetched.getText()).isEqualTo("Try again");
		assertThat(this.driver.findElements(By.cssSelector("#contact-stats-player audio"))).isEmpty();

		play(this.mixed.call(5));
		awaitAudio(this.mixed.answeredOutRef());
		assertThat(this.driver.findElement(By.cssSelector("#contact-stats-player p")).getText())
			.isEqualTo("Recording of the call of 2024-03-05 11:00 (Outbound)");
		assertThat(this.driver.findElements(By.id("recording-panel"))).hasSize(1);
		assertThat(policyViolations()).isZero();
	}

	@Test
	void contactFileReadsInSpanish() throws IOException {
		this.driver.get(url("/contacts/" + this.mixed.contact().id() + "?lang=es"));

		// The page's placeholder has the same heading: wait for the panel htmx loads in
		// its place.
		this.wait.until(ExpectedConditions.presenceOfElementLocated(By.id("contact-stats-figures")));
		assertThat(this.driver.findElement(By.cssSelector("#contact-statistics h2")).getText())
			.isEqualTo("Estadísticas de llamadas");
		assertThat(this.driver.findElement(By.cssSelector("[data-figure=missed] dt")).getText()).isEqualTo("Perdidas");
		assertThat(figure("answered")).isEqualTo("3");
		assertThat(this.driver.findElement(By.id("contact-stats-outcomes")).getText()).contains("Interesado 2")
			.contains("Promesa de pago 1");
		assertThat(this.driver.findElement(By.id("contact-stats-charges")).getText()).contains("15.00 EUR (2 llamadas)")
			.contains("25.50 USD (1 llamada)");
		awaitAudio(this.mixed.lastRef());
		assertThat(this.driver.findElement(By.cssSelector("#recording-panel a")).getText()).isEqualTo("Descargar");
		screenshot("contact-statistics-es");
	}

	private String figure(String name) {
		return this.driver.findElement(By.cssSelector("#contact-stats-figures [data-figure=" + name + "] dd"))
			.getText();
	}

	private void play(long callId) {
		this.driver.findElement(By.cssSelector("#contact-stats-recordings tr[data-call-id='" + callId + "'] button"))
			.click();
		this.wait.until(ExpectedConditions
			.presenceOfElementLocated(By.cssSelector("#contact-stats-player[data-call-id='" + callId + "']")));
	}

	private WebElement awaitAudio(String recordingRef) {
		return this.wait.until(ExpectedConditions.presenceOfElementLocated(
				By.cssSelector("#contact-stats-player audio[src='https://records.example/" + recordingRef + ".mp3']")));
	}

	private long policyViolations() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue()
					&& entry.getMessage().contains("Content Security Policy"))
			.count();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	// A picture of the panel for whoever reviews it (target/screenshots).
	private void screenshot(String name) throws IOException {
		Path folder = Files.createDirectories(Path.of("target", "screenshots"));
		byte[] png = ((TakesScreenshot) this.driver.findElement(By.id("contact-statistics")))
			.getScreenshotAs(OutputType.BYTES);
		Files.write(folder.resolve(name + ".png"), png);
	}

}
