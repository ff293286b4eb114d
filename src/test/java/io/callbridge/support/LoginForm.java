package io.callbridge.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Submits the login form like a fresh browser (its own cookies and CSRF token),
 * optionally through a proxy that adds {@code X-Forwarded-For}, and tells where the
 * server sent it.
 */
public final class LoginForm {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final int port;

	private final @Nullable String forwardedFor;

	private LoginForm(int port, @Nullable String forwardedFor) {
		this.port = port;
		this.forwardedFor = forwardedFor;
	}

	/** Logins straight from this machine. */
	public static LoginForm direct(int port) {
		return new LoginForm(port, null);
	}

	/** Logins through a proxy that says the client is at this address. */
	public static LoginForm via(int port, String forwardedFor) {
		return new LoginForm(port, forwardedFor);
	}

	/**
	 * Submits the form and returns the redirect target: {@code /console} after a
	 * successful login, {@code /login?error…} or {@code /login?retry=…} otherwise.
	 */
	public String submit(String organisation, String username, String password) {
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		HttpResponse<String> page = send(http, request("/login").GET());
		Matcher csrf = CSRF.matcher(page.body());
		if (!csrf.find()) {
			throw new IllegalStateException("No CSRF token on the login page: " + page.statusCode());
		}
		String form = "organisation=" + encode(organisation) + "&username=" + encode(username) + "&password="
				+ encode(password) + "&_csrf=" + encode(csrf.group(1));
		HttpResponse<String> answer = send(http,
				request("/login").header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)));
		String location = answer.headers().firstValue("Location").orElse("");
		if (answer.statusCode() != 302) {
			throw new IllegalStateException("The login answered " + answer.statusCode() + " " + answer.body());
		}
		return URI.create(location).getRawPath()
				+ ((URI.create(location).getRawQuery() != null) ? "?" + URI.create(location).getRawQuery() : "");
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (this.forwardedFor != null) {
			request.header("X-Forwarded-For", this.forwardedFor);
		}
		return request;
	}

	private static HttpResponse<String> send(HttpClient http, HttpRequest.Builder request) {
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
