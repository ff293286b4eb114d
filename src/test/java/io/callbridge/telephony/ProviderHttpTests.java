package io.callbridge.telephony;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbridge.support.Logged;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The shared provider HTTP layer against a double on loopback: every request is timed
 * under {@code callbridge.provider.requests} by provider, operation and outcome (the
 * adapter's reading of a failed answer included), a provider slower than its read timeout
 * — before its headers or in the middle of its body — fails as a timeout instead of
 * hanging, and a request's secrets show in no failure, log line or tag.
 */
class ProviderHttpTests {

	private static final String PASSWORD = "s3cr&t pass=wörd+1%";

	private static final String[] SECRET_FORMS = { PASSWORD, URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8),
			URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20"), "s3cr" };

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final List<String> paths = new CopyOnWriteArrayList<>();

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer server;

	private ProviderHttp http;

	@BeforeEach
	void start() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		// Slow answers wait on their own threads.
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.createContext("/ok", (exchange) -> answer(exchange, 200, "{\"status\":\"success\"}"));
		this.server.createContext("/refused", (exchange) -> answer(exchange, 400, "{\"status\":\"error\"}"));
		this.server.createContext("/slow", (exchange) -> {
			this.paths.add("/slow");
			await();
			answer(exchange, 200, "{}");
		});
		this.server.createContext("/stalling", (exchange) -> {
			this.paths.add("/stalling");
			exchange.sendResponseHeaders(200, 100);
			exchange.getResponseBody().write("{\"status\":".getBytes(StandardCharsets.UTF_8));
			exchange.getResponseBody().flush();
			await();
			exchange.close();
		});
		this.server.start();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		// The read timeout is far above a loaded machine's answer time (a busy CI host
		// once took over 300 ms for /ok), while /slow and /stalling never answer in time.
		this.http = new ProviderHttpClients(observations).client("acme",
				new ProviderTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2)),
				(ex) -> (ex instanceof IllegalStateException) ? "REFUSED" : null);
	}

	@AfterEach
	void stop() {
		this.release.countDown();
		this.server.stop(0);
	}

	@Test
	void timesEachRequestByProviderOperationAndOutcome() {
		String answer = this.http.send(get("balance", "/ok"), ProviderHttp.Response::body);
		catchThrowableOfType(IllegalStateException.class, () -> this.http.send(get("callback", "/refused"), (r) -> {
			throw new IllegalStateException("refused with HTTP " + r.status());
		}));
		catchThrowableOfType(ProviderHttpException.class,
				() -> this.http.send(get("balance", closedPort()), ProviderHttp.Response::body));

		assertThat(answer).isEqualTo("{\"status\":\"success\"}");
		assertThat(count("balance", "success")).isEqualTo(1);
		assertThat(count("callback", "refused")).isEqualTo(1);
		assertThat(count("balance", "unreachable")).isEqualTo(1);
	}

	@Test
	void aProviderSlowerThanItsReadTimeoutFailsAsATimeout() {
		ProviderHttpException beforeHeaders = catchThrowableOfType(ProviderHttpException.class,
				() -> this.http.send(get("balance", "/slow"), ProviderHttp.Response::body));
		ProviderHttpException midBody = catchThrowableOfType(ProviderHttpException.class,
				() -> this.http.send(get("balance", "/stalling"), ProviderHttp.Response::body));

		assertThat(beforeHeaders.kind()).isEqualTo(ProviderHttpException.Kind.TIMEOUT);
		assertThat(midBody.kind()).isEqualTo(ProviderHttpException.Kind.TIMEOUT);
		assertThat(this.paths).containsExactly("/slow", "/stalling");
		assertThat(count("balance", "timeout")).isEqualTo(2);
	}

	@Test
	void aRequestsSecretsShowInNoFailureLogLineOrTag() {
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Level level = root.getLevel();
		root.setLevel(Level.DEBUG);
		root.addAppender(logs);
		logs.start();
		List<Throwable> failures = new ArrayList<>();
		try {
			for (String path : List.of("/slow", "/refused")) {
				failures.add(catchThrowableOfType(RuntimeException.class,
						() -> this.http.send(withPassword(baseUrl() + path), (r) -> {
							throw new IllegalStateException("HTTP " + r.status());
						})));
			}
			failures.add(catchThrowableOfType(ProviderHttpException.class,
					() -> this.http.send(withPassword(closedPort()), ProviderHttp.Response::body)));
		}
		finally {
			root.detachAppender(logs);
			root.setLevel(level);
		}

		assertThat(failures).hasSize(3).doesNotContainNull();
		assertThat(Logged.events(logs)).isNotEmpty();
		List<String> texts = new ArrayList<>();
		failures.forEach((failure) -> {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				texts.add(String.valueOf(cause.getMessage()));
			}
		});
		// The double's own server logs the request line: it plays the provider, which
		// is told the password.
		Logged.events(logs)
			.stream()
			.filter((event) -> !event.getLoggerName().startsWith("com.sun.net.httpserver"))
			.forEach((event) -> texts.add(event.getLoggerName() + ": " + event.getFormattedMessage()));
		this.meters.getMeters()
			.forEach((
					meter) -> meter.getId().getTags().forEach((tag) -> texts.add(tag.getKey() + "=" + tag.getValue())));
		assertThat(texts).allSatisfy((text) -> assertThat(text).doesNotContain(SECRET_FORMS));
	}

	@Test
	void secretsAreMaskedAsTheyAreAndUrlEncoded() {
		ProviderSecrets secrets = ProviderSecrets.of(PASSWORD, "");

		String scrubbed = secrets.scrub("GET /x?password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
				+ " or " + PASSWORD + " or " + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8).replace("+", "%20"));

		assertThat(scrubbed).isEqualTo("GET /x?password=*** or *** or ***");
		assertThat(ProviderSecrets.none().scrub("nothing to hide")).isEqualTo("nothing to hide");
	}

	@Test
	void timeoutsMustBePositiveAndBounded() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProviderTimeouts.check("callbridge.acme", Duration.ZERO, Duration.ofSeconds(1)))
			.withMessageContaining("callbridge.acme.connect-timeout");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProviderTimeouts.check("callbridge.acme", Duration.ofSeconds(1), Duration.ofMinutes(10)))
			.withMessageContaining("callbridge.acme.read-timeout must be more than 0 and at most 300 s");
	}

	private double count(String operation, String outcome) {
		return this.meters.find(ProviderHttp.REQUESTS)
			.tags(List.of(Tag.of("provider", "acme"), Tag.of("operation", operation), Tag.of("outcome", outcome)))
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private ProviderHttp.Request get(String operation, String pathOrUrl) {
		URI uri = pathOrUrl.startsWith("/") ? URI.create(baseUrl() + pathOrUrl) : URI.create(pathOrUrl);
		return ProviderHttp.Request.get(operation, uri, Map.of("Accept", "application/json"), ProviderSecrets.none());
	}

	private ProviderHttp.Request withPassword(String url) {
		URI uri = URI.create(url + "?username=u&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
		return ProviderHttp.Request.get("getCdrs", uri, Map.of(), ProviderSecrets.of(PASSWORD));
	}

	private String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static String closedPort() {
		return "http://127.0.0.1:1/ok";
	}

	private void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

	private void await() {
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
