package io.callbridge.e2e;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

import io.callbridge.shared.Role;
import io.callbridge.statistics.web.DashboardFacts;
import io.callbridge.statistics.web.DashboardFacts.CallFact;
import io.callbridge.support.Browser;
import io.callbridge.support.BrowserAvailability;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The statistics dashboard in a real headless Chromium with the Content-Security-Policy
 * on, in English and in Spanish: every chart is drawn (its canvas holds pixels of the
 * chart's colours), labelled in the reader's language, its numbers table shows and hides,
 * its CSV link answers with the page's filters, and the browser reports no policy
 * violation.
 */
@IntegrationTest
@Tag("e2e")
@ExtendWith(BrowserAvailability.class)
class StatisticsDashboardBrowserTests {

	private static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

	private static final LocalDate MONDAY = LocalDate.of(2025, 1, 6);

	private static final String PERIOD = "period=custom&from=2025-01-06&to=2025-01-08";

	// Pixels of one colour in a canvas (the chart's fill colours are drawn exactly inside
	// the bars; edges are blended).
	private static final String PIXELS_OF = """
			var canvas = document.getElementById(arguments[0]);
			if (!canvas || !canvas.width || !canvas.height) { return -1; }
			var data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
			var count = 0;
			for (var i = 0; i < data.length; i += 4) {
			  if (arguments[1] === null ? data[i + 3] !== 0
			      : data[i] === arguments[1][0] && data[i + 1] === arguments[1][1] && data[i + 2] === arguments[1][2]
			        && data[i + 3] === 255) { count++; }
			}
			return count;""";

	private static final String FETCH = """
			var done = arguments[arguments.length - 1];
			fetch(arguments[0], { credentials: 'same-origin' })
			  .then(function (r) { return r.text().then(function (t) {
			    done(r.status + '|' + r.headers.get('Content-Type') + '|' + t.split(/\\r?\\n/)[0]); }); })
			  .catch(function (e) { done('failed ' + e); });""";

	@LocalServerPort
	int port;

	@Autowired
	TestData data;

	@Autowired
	DashboardFacts facts;

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

	@ParameterizedTest
	@CsvSource({ "en, Statistics, Answered, Hide numbers, Mon", "es, Estadísticas, Atendida, Ocultar cifras, Lun" })
	void drawsEveryChartWithItsNumbersAndCsvAtHand(String language, String heading, String answered, String hideNumbers,
			String monday) {
		long tenant = this.data.anyTenant();
		TestUser supervisor = this.data.anyUser(tenant, Role.SUPERVISOR);
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		someCalls(tenant, agent);
		Browser.logIn(this.driver, this.wait, this.port, supervisor);

		this.driver.get(url("/statistics?" + PERIOD + "&lang=" + language));
		this.wait.until((d) -> Boolean.TRUE
			.equals(js("return !!(window.callbridgeStatistics" + " && window.callbridgeStatistics.drawn)")));

		assertThat(this.driver.findElement(By.tagName("h1")).getText()).isEqualTo(heading);
		assertThat(pixels("canvas-by-day", "--result-answered")).as("answered bars by day").isPositive();
		assertThat(pixels("canvas-by-day", "--result-missed")).as("missed bars by day").isPositive();
		assertThat(pixels("canvas-by-hour", "--result-answered")).as("answered bars by hour").isPositive();
		assertThat(pixels("canvas-outcomes", "--accent")).as("outcome bars").isPositive();
		assertThat(pixels("canvas-costs", "--warn")).as("cost bars").isPositive();
		assertThat(js("return window.callbridgeStatistics.charts['canvas-by-day'].data.datasets[0].label"))
			.isEqualTo(answered);
		assertThat(this.driver.findElement(By.cssSelector("#heatmap-table tbody th")).getText()).isEqualTo(monday);

		WebElement toggle = this.driver.findElement(By.cssSelector("[data-numbers='numbers-by-day']"));
		WebElement numbers = this.driver.findElement(By.id("numbers-by-day"));
		assertThat(numbers.isDisplayed()).isFalse();
		toggle.click();
		this.wait.until(ExpectedConditions.visibilityOf(numbers));
		assertThat(toggle.getText()).isEqualTo(hideNumbers);
		assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
		assertThat(numbers.findElements(By.cssSelector("tbody tr"))).hasSize(3);
		toggle.click();
		this.wait.until(ExpectedConditions.invisibilityOf(numbers));

		String csv = this.driver.findElement(By.cssSelector("#chart-by-day a.button")).getAttribute("href");
		assertThat(csv).contains("/statistics/by-day.csv?period=custom&from=2025-01-06&to=2025-01-08");
		// fetch's text() drops the byte order mark.
		String separator = "es".equals(language) ? ";" : ",";
		assertThat(fetch(csv)).startsWith("200|text/csv")
			.endsWith("|day" + separator + "calls" + separator + "answered" + separator + "missed" + separator + "busy"
					+ separator + "failed" + separator + "cancelled" + separator + "rejected" + separator
					+ "not_allowed");
		assertThat(policyViolations()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "en", "es" })
	void onlyTheCustomPeriodAsksForDays(String language) {
		long tenant = this.data.anyTenant();
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		someCalls(tenant, agent);
		Browser.logIn(this.driver, this.wait, this.port, agent);

		this.driver.get(url("/statistics?period=7d&lang=" + language));
		this.wait.until((d) -> Boolean.TRUE
			.equals(js("return !!(window.callbridgeStatistics" + " && window.callbridgeStatistics.drawn)")));

		WebElement from = this.driver.findElement(By.id("statistics-from"));
		assertThat(from.isDisplayed()).isFalse();
		assertThat(this.driver.findElements(By.id("statistics-agent"))).isEmpty();
		new org.openqa.selenium.support.ui.Select(this.driver.findElement(By.id("statistics-period")))
			.selectByValue("custom");
		this.wait.until(ExpectedConditions.visibilityOf(from));
		assertThat(pixels("canvas-by-day", null)).as("the week's chart").isPositive();
	}

	private void someCalls(long tenant, TestUser agent) {
		CallFact call = this.facts.anyCall(tenant, this.data.sandboxAccount(tenant).id(), MADRID);
		this.facts.save(call.at(MONDAY, 9, 30)
			.by(agent.id())
			.costing("sandbox", "0.25", "EUR")
			.disposed("interested", "20.00", "EUR"));
		this.facts.save(call.at(MONDAY, 11, 0).by(agent.id()).disposed("call-back", null, null));
		this.facts.save(call.at(MONDAY.plusDays(1), 17, 45).ended(CallDirection.INBOUND, CallResult.MISSED, 25, null));
		this.facts.save(call.at(MONDAY.plusDays(2), 12, 10)
			.ended(CallDirection.OUTBOUND, CallResult.ANSWERED, 4, 200)
			.by(agent.id())
			.costing("sandbox", "0.40", "EUR"));
		LocalDate today = LocalDate.now(MADRID);
		this.facts.save(call.at(today, 0, 1).by(agent.id()));
	}

	// Pixels of a colour of app.css (a custom property, e.g. --accent) in a canvas; any
	// painted pixel when the colour is null.
	private long pixels(String canvas, String colour) {
		Object rgb = null;
		if (colour != null) {
			String hex = String.valueOf(js(
					"return getComputedStyle(document.documentElement).getPropertyValue(arguments[0]).trim()", colour));
			rgb = List.of(Integer.parseInt(hex.substring(1, 3), 16), Integer.parseInt(hex.substring(3, 5), 16),
					Integer.parseInt(hex.substring(5, 7), 16));
		}
		return ((Number) js(PIXELS_OF, canvas, rgb)).longValue();
	}

	private Object js(String script, Object... args) {
		return ((JavascriptExecutor) this.driver).executeScript(script, args);
	}

	private String fetch(String href) {
		return String.valueOf(((JavascriptExecutor) this.driver).executeAsyncScript(FETCH, href));
	}

	private List<String> policyViolations() {
		List<String> violations = new ArrayList<>();
		for (LogEntry entry : this.driver.manage().logs().get(LogType.BROWSER)) {
			if (entry.getLevel().intValue() >= Level.WARNING.intValue()
					&& entry.getMessage().contains("Content Security Policy")) {
				violations.add(entry.getMessage());
			}
		}
		return violations;
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
