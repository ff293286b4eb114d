package io.callbridge.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Starts the system's Chromium headless through the system's ChromeDriver (Debian
 * packages chromium and chromium-driver); Selenium never downloads a browser.
 */
public final class Browser {

	/** The Chromium binary. */
	public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));

	/** The ChromeDriver binary. */
	public static final Path CHROMEDRIVER = Path
		.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));

	private Browser() {
	}

	public static boolean installed() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
	}

	public static WebDriver start() throws IOException {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// Without the background-networking flags Chromium keeps trying to reach Google's
		// hosts, which this
		// closed network refuses.
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--disable-extensions", "--window-size=1280,900", "--lang=en-US",
				"--user-data-dir=" + Files.createTempDirectory("callbridge-chromium"));
		options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "en-US,en"));
		// The browser's console (e.g. Content-Security-Policy violations) is readable
		// through driver.manage().logs().
		options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(new File(CHROMEDRIVER.toString()))
			.usingAnyFreePort()
			.build();
		return new ChromeDriver(service, options);
	}

	public static WebDriverWait waiting(WebDriver driver) {
		// Live pages re-render parts of themselves at any time: a stale element is
		// retried, not a failure.
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		wait.ignoring(StaleElementReferenceException.class);
		// Looked at every 100 ms instead of Selenium's 500 ms: a condition met just
		// after a look is seen that much sooner (the limit stays 15 s).
		wait.pollingEvery(Duration.ofMillis(100));
		return wait;
	}

	/**
	 * Logs the user in through the login form (with their organisation) and waits for the
	 * console their login lands on.
	 */
	public static void logIn(WebDriver driver, WebDriverWait wait, int port, TestData.TestUser user) {
		driver.get("http://localhost:" + port + "/login?org=" + user.organisation());
		driver.findElement(By.id("username")).sendKeys(user.username());
		driver.findElement(By.id("password")).sendKeys(user.password());
		driver.findElement(By.id("login-submit")).click();
		wait.until(ExpectedConditions.urlContains("/console"));
	}

	/**
	 * Waits until the open console has heard that a call ended and shows it: the last
	 * change it heard is the end and no card is loading. A card also re-renders on
	 * changes heard earlier whose loads read the end already, so waiting for the card to
	 * say ENDED is not enough before using its forms (a form whose card is replaced while
	 * it is submitted loses its answer).
	 */
	public static void awaitCallEndedShown(WebDriverWait wait) {
		wait.until((d) -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript("""
				var console = window.callbridgeConsole;
				return !!console && !!console.lastChange && console.lastChange.change === 'ended'
				    && console.cardsLoading() === 0""")));
	}

	/** Waits until the open console's live stream is connected. */
	public static void awaitConsoleLive(WebDriverWait wait) {
		wait.until((d) -> Boolean.TRUE.equals(((JavascriptExecutor) d)
			.executeScript("return window.callbridgeConsole && window.callbridgeConsole.connected")));
	}

}
