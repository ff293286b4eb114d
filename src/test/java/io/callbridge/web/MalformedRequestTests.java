package io.callbridge.web;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.callbridge.shared.Role;
import io.callbridge.support.ApiClient;
import io.callbridge.support.IntegrationTest;
import io.callbridge.support.Logged;
import io.callbridge.support.TenantFixture;
import io.callbridge.support.TestData;
import io.callbridge.support.TestData.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests the server cannot read — malformed parameters, oversized or broken bodies,
 * refused methods and paths, JSON of the wrong shape — are answered with a problem+json
 * (or an error page for a browser) and never a 500 with a stack trace in the log. Sent
 * over real HTTP, because most of them fail in the container's parsing, before any
 * controller.
 */
@IntegrationTest
class MalformedRequestTests {

	private static final String FORM = "application/x-www-form-urlencoded";

	@LocalServerPort
	int port;

	@Autowired
	ApiClient api;

	@Autowired
	TestData data;

	@Autowired
	TenantFixture tenants;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ListAppender<ILoggingEvent> log = new ListAppender<>();

	@BeforeEach
	void watchTheLog() {
		this.log.start();
		root().addAppender(this.log);
	}

	@AfterEach
	void stopWatching() {
		root().detachAppender(this.log);
	}

	@Test
	void parameterWithoutANameIsABadRequest() {
		JsonNode problem = problem(send("GET", "/login?=1", null, null), 400);

		assertThat(problem.path("detail").asString()).contains("needs a name");
	}

	@Test
	void badPercentEscapeIsABadRequest() {
		RawResponse response = raw("GET /login?a=%zz HTTP/1.1", "Accept: */*");

		JsonNode problem = problem(response.status(), response.contentType(), response.body(), 400);

		assertThat(problem.path("detail").asString()).contains("UTF-8");
	}

	@Test
	void webhookFormBodyWithoutAParameterNameIsABadRequest() {
		problem(send("POST", "/webhooks/zadarma/no-such-token", FORM, BodyPublishers.ofString("=1")), 400);
	}

	@Test
	void formFieldThatIsNotUtf8IsABadRequest() {
		byte[] body = { 'n', 'a', 'm', 'e', '=', (byte) 0xFF, (byte) 0xFE, 'x' };

		JsonNode problem = problem(send("POST", "/login", FORM, BodyPublishers.ofByteArray(body)), 400);

		assertThat(problem.path("detail").asString()).contains("UTF-8");
	}

	@Test
	void percentEscapedFormFieldThatIsNotUtf8IsABadRequest() {
		problem(send("POST", "/login", FORM, BodyPublishers.ofString("username=%FF%FE")), 400);
	}

	@Test
	void formOverTwoMegabytesIsABadRequest() {
		String body = "notes=" + "a".repeat(2 * 1024 * 1024 + 10);

		JsonNode problem = problem(send("POST", "/login", FORM, BodyPublishers.ofString(body)), 400);

		assertThat(problem.path("detail").asString()).contains("2 MB");
	}

	@Test
	void moreThanAThousandParametersIsABadRequest() {
		String body = IntStream.range(0, 1001).mapToObj((i) -> "p" + i + "=1").collect(Collectors.joining("&"));

		JsonNode problem = problem(send("POST", "/login", FORM, BodyPublishers.ofString(body)), 400);

		assertThat(problem.path("detail").asString()).contains("1000 parameters");
	}

	@Test
	void malformedMultipartBodyIsABadRequest() {
		BodyPublisher broken = BodyPublishers.ofString("--xx\r\nContent-Disposition: form-data; name=\"file\"\r\n");

		problem(send("POST", "/login", "multipart/form-data; boundary=xx", broken), 400);
		problem(send("POST", "/api/v1/contacts/import", "multipart/form-data; boundary=xx",
				BodyPublishers.ofString("--xx\r\nbroken")), 400);
	}

	@Test
	void bodyWhoseContentTypeIsAWildcardIsAnUnsupportedMediaType() {
		TestUser admin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/v1/contacts"))
			.header("Authorization", "Bearer " + admin.token())
			.header("Content-Type", "application/*")
			.POST(BodyPublishers.ofString("{\"name\":\"Ana\"}"));

		JsonNode problem = problem(send(request), 415);

		assertThat(problem.path("type").asString()).endsWith("/unsupported-media-type");
		assertThat(problem.path("detail").asString()).contains("application/*");
		problem(send("POST", "/login", "*/*", BodyPublishers.ofString("username=a")), 415);
	}

	@Test
	void traceIsRefusedAsAProblem() {
		JsonNode problem = problem(send("TRACE", "/api/v1/contacts", null, null), 405);

		assertThat(problem.path("type").asString()).endsWith("/method-not-allowed");
		problem(send("TRACE", "/login", null, null), 405);
	}

	@Test
	void unknownMethodIsRefusedAsAProblem() {
		JsonNode problem = problem(send("FOO", "/api/v1/contacts", null, null), 501);

		assertThat(problem.path("detail").asString()).contains("FOO");
		problem(send("FOO", "/login", null, null), 501);
	}

	@Test
	void pathRefusedByTheFirewallIsAProblem() {
		problem(send("GET", "/api/v1/..;/contacts", null, null), 400);
		problem(send("GET", "/api/v1/contacts/%2e%2e/x", null, null), 400);
		problem(send("GET", "/login;jsessionid=1/..;/x", null, null), 400);
	}

	@Test
	void errorPageOfTheContainerIsAProblemForPrograms() {
		JsonNode problem = problem(send("GET", "/css/missing.css", null, null), 404);

		assertThat(problem.path("type").asString()).endsWith("/not-found");
		assertThat(problem.path("detail").asString()).contains("/css/missing.css");
	}

	@Test
	void browserGetsAReadablePageInItsLanguage() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/login?=1"))
			.header("Accept", "text/html,application/xhtml+xml")
			.header("Accept-Language", "es-ES,es;q=0.9")
			.GET());

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
		assertThat(response.body()).contains("Algo ha salido mal").contains("necesita un nombre");
		assertNoErrorLogged();
	}

	@Test
	void nullTagOrPhoneIsRefusedNamingTheField() {
		TestUser admin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		JsonNode tags = this.api.as(admin.token())
			.post("/api/v1/contacts", "application/json", "{\"name\":\"Ana\",\"tags\":[null]}")
			.problem(400, "bad-request");
		JsonNode phones = this.api.as(admin.token())
			.post("/api/v1/contacts", "application/json", "{\"name\":\"Ana\",\"phones\":[\"612 345 678\",null]}")
			.problem(400, "bad-request");

		assertThat(tags.path("errors").get(0).path("field").asString()).isEqualTo("tags[0]");
		assertThat(tags.path("detail").asString()).isEqualTo("tags[0] must not be null.");
		assertThat(phones.path("errors").get(0).path("field").asString()).isEqualTo("phones[1]");
		assertNoErrorLogged();
	}

	@Test
	void contactsCsvWhoseHeaderHasAnEmptyColumnIsABadRequest() {
		TestUser admin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		this.api.as(admin.token())
			.post("/api/v1/contacts/import", "text/csv", "name,,phones\nAna,,612 345 678\n")
			.problem(400, "bad-request");

		assertNoErrorLogged();
	}

	@Test
	void valueOfTheWrongKindIsRefusedInPlainWords() {
		TestUser admin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		JsonNode problem = this.api.as(admin.token())
			.post("/api/v1/contacts", "application/json", "{\"name\":false}")
			.problem(400, "bad-request");
		JsonNode number = this.api.as(admin.token())
			.post("/api/v1/contacts", "application/json", "{\"name\":\"Ana\",\"responsibleId\":\"abc\"}")
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).isEqualTo("name must be text.");
		assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("name");
		assertThat(number.path("detail").asString()).isEqualTo("responsibleId must be a whole number.");
		assertThat(problem.toString() + number).doesNotContain("java.").doesNotContain("`");
		assertNoErrorLogged();
	}

	@Test
	void booleanIsNotTakenForAnExtension() {
		long tenant = this.tenants.anyTenant();
		TestUser admin = this.data.anyUser(tenant, Role.ADMIN);
		TestUser agent = this.data.anyUser(tenant, Role.AGENT);
		long account = this.data.sandboxAccount(tenant).id();

		JsonNode problem = this.api.as(admin.token())
			.put("/api/v1/agents/{id}/extensions/{account}", "{\"extension\":false}", agent.id(), account)
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).isEqualTo("extension must be text.");
		assertNoErrorLogged();
	}

	@Test
	void malformedJsonSaysWhere() {
		TestUser admin = this.data.anyUser(this.tenants.anyTenant(), Role.ADMIN);

		JsonNode problem = this.api.as(admin.token())
			.post("/api/v1/contacts", "application/json", "{\"name\": \"Ana\",\n \"company\": }")
			.problem(400, "bad-request");

		assertThat(problem.path("detail").asString()).startsWith("The request body is not valid JSON (line 2");
		assertNoErrorLogged();
	}

	@Test
	void problemTextsFollowTheReadersLanguage() {
		RawResponse response = raw("GET /login?a=%zz HTTP/1.1", "Accept-Language: es");

		JsonNode problem = problem(response.status(), response.contentType(), response.body(), 400);
		assertThat(problem.path("detail").asString()).contains("no está bien codificado");
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		return problem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(),
				status);
	}

	private JsonNode problem(int actualStatus, String contentType, String body, int status) {
		assertThat(actualStatus).as("status of %s", body).isEqualTo(status);
		assertThat(contentType).as("content type of %s", body).startsWith("application/problem+json");
		JsonNode problem = JsonMapper.shared().readTree(body);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("type").asString()).startsWith("https://callbridge.dev/problems/");
		assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("Exception");
		assertNoErrorLogged();
		return problem;
	}

	private void assertNoErrorLogged() {
		List<String> errors = Logged.events(this.log)
			.stream()
			.filter((event) -> event.getLevel().isGreaterOrEqual(Level.ERROR))
			.map((event) -> event.getLoggerName() + ": " + event.getFormattedMessage())
			.toList();
		assertThat(errors).as("errors logged").isEmpty();
	}

	private HttpResponse<String> send(String method, String path, String contentType, BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method, (body != null) ? body : BodyPublishers.noBody());
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An answer read from a raw socket.
	 *
	 * @param status the status code
	 * @param contentType the content type
	 * @param body the body
	 */
	private record RawResponse(int status, String contentType, String body) {
	}

	// For request lines that java.net.URI refuses to build (a bad %-escape is the point
	// of the test).
	private RawResponse raw(String requestLine, String... headers) {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			String request = requestLine + "\r\nHost: localhost\r\nConnection: close\r\n"
					+ String.join("", Arrays.stream(headers).map((h) -> h + "\r\n").toList()) + "\r\n";
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
			String body = answer.substring(head.length() + 4);
			if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
				body = unchunk(body);
			}
			Matcher type = Pattern.compile("(?im)^content-type:\\s*(.+)$").matcher(head);
			return new RawResponse(Integer.parseInt(head.substring(9, 12)), type.find() ? type.group(1).strip() : "",
					body);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String unchunk(String chunked) {
		StringBuilder body = new StringBuilder();
		String rest = chunked;
		while (true) {
			int lineEnd = rest.indexOf("\r\n");
			int size = Integer.parseInt(rest.substring(0, lineEnd).strip(), 16);
			if (size == 0) {
				return body.toString();
			}
			byte[] bytes = rest.substring(lineEnd + 2).getBytes(StandardCharsets.UTF_8);
			String chunk = new String(bytes, 0, size, StandardCharsets.UTF_8);
			body.append(chunk);
			rest = rest.substring(lineEnd + 2 + chunk.length() + 2);
		}
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
