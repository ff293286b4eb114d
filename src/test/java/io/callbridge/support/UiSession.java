package io.callbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser-like session against the UI: logs in through the real login form, keeps the
 * session cookie and sends the CSRF token with every form post, as a browser would.
 */
public final class UiSession {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String base;

	private String csrf = "";

	private UiSession(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * Logs in and returns the session; fails if the login is refused. A user made by
	 * {@link TestData} names their tenant as the organisation.
	 */
	public static UiSession logIn(int port, String username, String password) {
		return logIn(port, TestData.organisationOf(username), username, password);
	}

	/** Logs in as a user of the named organisation (empty: the default tenant). */
	public static UiSession logIn(int port, String organisation, String username, String password) {
		UiSession session = new UiSession(port);
		session.get("/login");
		HttpResponse<String> response = session.postForm("/login",
				Map.of("organisation", organisation, "username", username, "password", password));
		String location = response.headers().firstValue("Location").orElse("");
		if (response.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException(
					"Login of " + username + " failed: " + response.statusCode() + " " + location);
		}
		session.get("/console");
		return session;
	}

	/** GETs a page, with extra request headers given as name, value, name, value… */
	public HttpResponse<String> get(String path, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		HttpResponse<String> response = send(request);
		Matcher matcher = CSRF.matcher(response.body());
		if (matcher.find()) {
			this.csrf = matcher.group(1);
		}
		return response;
	}

	/**
	 * Follows the redirect of a contact import's form to the import's page and reloads it
	 * until the import has ended (the page's script does the same in a browser).
	 * @param started the answer to the import form
	 * @return the import's page once it has ended
	 */
	public HttpResponse<String> awaitImport(HttpResponse<String> started) {
		String location = started.headers()
			.firstValue("Location")
			.orElseThrow(() -> new AssertionError("No redirect to the import: " + started.body()));
		String path = URI.create(this.base).resolve(location).getPath();
		long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
		while (true) {
			HttpResponse<String> page = get(path);
			if (page.body().contains("data-finished=\"true\"") || System.nanoTime() > deadline) {
				return page;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	public HttpResponse<String> postForm(String path, Map<String, String> fields) {
		return postForm(path, fields, new String[0]);
	}

	/** Posts a form, with extra request headers given as name, value, name, value… */
	public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", this.csrf);
		String body = all.entrySet()
			.stream()
			.map((e) -> encode(e.getKey()) + "=" + encode(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/** Posts a file as {@code multipart/form-data} in the field {@code field}. */
	public HttpResponse<String> postFile(String path, String field, String fileName, String content) {
		return postFile(path, field, fileName, content.getBytes(StandardCharsets.UTF_8), Map.of());
	}

	/**
	 * Posts a file (any bytes) as {@code multipart/form-data} in the field {@code field},
	 * with further form fields.
	 */
	public HttpResponse<String> postFile(String path, String field, String fileName, byte[] content,
			Map<String, String> fields) {
		String boundary = "----callbridge" + UUID.randomUUID();
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		Map<String, String> all = new LinkedHashMap<>(fields);
		all.put("_csrf", this.csrf);
		all.forEach((name, value) -> body.writeBytes(
				("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n")
					.getBytes(StandardCharsets.UTF_8)));
		body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
				+ fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
			.getBytes(StandardCharsets.UTF_8));
		body.writeBytes(content);
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
		return send(HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
