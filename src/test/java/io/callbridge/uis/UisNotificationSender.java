package io.callbridge.uis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Delivers UIS HTTP notifications as UIS does: POST with the rendered JSON template as an
 * {@code application/json} body, or GET with the rendered query appended to the URL; one
 * attempt, no retries; records each delivery with the status answered (-1 when the
 * connection failed). Also usable on its own by benchmarks.
 */
public final class UisNotificationSender {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ConcurrentLinkedQueue<Posted> posted = new ConcurrentLinkedQueue<>();

	/**
	 * Renders the target's template with {@code vars}, delivers it once and records it.
	 */
	public Posted send(Target target, String slug, long sessionId, Map<String, Object> vars) {
		HttpRequest request = request(target, vars);
		Posted sent = new Posted(slug, sessionId, target.method(), target.url(), body(target, vars), status(request));
		this.posted.add(sent);
		return sent;
	}

	/** Renders and delivers without recording (for benchmarks); returns the status. */
	public int deliver(Target target, Map<String, Object> vars) {
		return status(request(target, vars));
	}

	private static String body(Target target, Map<String, Object> vars) {
		return target.method().equals("GET") ? UisNotificationTemplates.renderQuery(target.template(), vars)
				: UisNotificationTemplates.renderJson(target.template(), vars);
	}

	private static HttpRequest request(Target target, Map<String, Object> vars) {
		String body = body(target, vars);
		if (target.method().equals("GET")) {
			String separator = target.url().contains("?") ? "&" : "?";
			return HttpRequest.newBuilder(URI.create(target.url() + separator + body))
				.timeout(Duration.ofSeconds(30))
				.GET()
				.build();
		}
		return HttpRequest.newBuilder(URI.create(target.url()))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	public List<Posted> posted() {
		return List.copyOf(this.posted);
	}

	private int status(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * Where and how one event type is delivered, as configured in the UIS cabinet.
	 *
	 * @param method GET or POST
	 * @param url the URL (with the secret the admin added)
	 * @param template the body (POST) or query (GET) template
	 */
	public record Target(String method, String url, String template) {
	}

	/**
	 * One notification as delivered.
	 *
	 * @param slug the event type
	 * @param sessionId the call session
	 * @param method GET or POST
	 * @param url the configured URL
	 * @param body the rendered body (POST) or query (GET)
	 * @param status the HTTP status answered, -1 if not connected, 0 if dropped on
	 * purpose
	 */
	public record Posted(String slug, long sessionId, String method, String url, String body, int status) {
	}

}
