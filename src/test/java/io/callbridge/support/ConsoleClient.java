package io.callbridge.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One agent's console as a browser holds it: logged in through the form login (CSRF token
 * and session cookie), with the SSE stream {@code /console/events} open and read on a
 * virtual thread; each {@code call} message is queued with the time it was read. Used by
 * the screen-pop benchmark and by tests of console delivery. The stream is read over a
 * plain socket ({@link StreamingGet}): the benchmarks hold hundreds of consoles in the
 * server's JVM, where an {@link HttpClient} per stream (its selector thread, its reactive
 * body pipeline) competed with the server for the processors.
 */
public final class ConsoleClient implements AutoCloseable {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern CALL_ID = Pattern.compile("\"callId\":(\\d+)");

	private static final Pattern RECEIVED_AT = Pattern.compile("\"receivedAt\":\"([^\"]+)\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final URI base;

	private final HttpClient http;

	private final CookieManager cookies = new CookieManager();

	private final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();

	private final BlockingQueue<Event> otherEvents = new LinkedBlockingQueue<>();

	private final CountDownLatch connected = new CountDownLatch(1);

	private volatile @Nullable StreamingGet stream;

	private @Nullable Thread reader;

	/**
	 * A {@code call} message as read by the client.
	 *
	 * @param callId the call
	 * @param receivedAt when its provider event entered the server
	 * @param readNanos {@link System#nanoTime()} when the client read it
	 */
	public record Message(long callId, Instant receivedAt, long readNanos) {
	}

	/**
	 * Any other message of the stream (e.g. {@code tasks}), as read.
	 *
	 * @param name the SSE event name
	 * @param data its data
	 */
	public record Event(String name, String data) {
	}

	public ConsoleClient(URI base, Executor executor) {
		this.base = base;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(this.cookies)
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(TIMEOUT)
			.executor(executor)
			.build();
	}

	public void logIn(String username, String password) throws IOException, InterruptedException {
		HttpResponse<String> page = this.http.send(request("/login").GET().build(),
				HttpResponse.BodyHandlers.ofString());
		Matcher csrf = CSRF.matcher(page.body());
		if (page.statusCode() != 200 || !csrf.find()) {
			throw new IllegalStateException("No login form with a CSRF token: HTTP " + page.statusCode());
		}
		String form = "organisation=" + encode(TestData.organisationOf(username)) + "&username=" + encode(username)
				+ "&password=" + encode(password) + "&_csrf=" + encode(csrf.group(1));
		HttpResponse<Void> login = this.http
			.send(request("/login").header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.discarding());
		String location = login.headers().firstValue("Location").orElse("");
		if (login.statusCode() != 302 || location.contains("error")) {
			throw new IllegalStateException(
					"Login of " + username + " failed: HTTP " + login.statusCode() + " → " + location);
		}
	}

	/** Opens the SSE stream and waits for its greeting. */
	public void openEvents() throws IOException, InterruptedException {
		URI uri = this.base.resolve("/console/events");
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("Accept", "text/event-stream");
		List<String> cookies = this.cookies.get(uri, Map.of()).getOrDefault("Cookie", List.of());
		if (!cookies.isEmpty()) {
			headers.put("Cookie", String.join("; ", cookies));
		}
		StreamingGet response = StreamingGet.open(uri, headers, TIMEOUT);
		if (response.status() != 200) {
			response.close();
			throw new IllegalStateException("SSE stream refused: HTTP " + response.status());
		}
		this.stream = response;
		this.reader = Thread.ofVirtual().name("sse-reader").start(() -> read(response));
		if (!this.connected.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			throw new IllegalStateException("No greeting on the SSE stream");
		}
	}

	/** The headers of the SSE stream's response (once opened). */
	public HttpHeaders streamHeaders() {
		StreamingGet response = this.stream;
		if (response == null) {
			throw new IllegalStateException("The stream is not open");
		}
		return response.headers();
	}

	/** Waits until the server ends the stream; returns whether it did in time. */
	public boolean awaitEnd(Duration timeout) throws InterruptedException {
		Thread thread = this.reader;
		if (thread == null) {
			throw new IllegalStateException("The stream is not open");
		}
		return thread.join(timeout);
	}

	public @Nullable Message next(Duration timeout) throws InterruptedException {
		return this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/** The next message other than {@code call} and the greeting. */
	public @Nullable Event nextOther(Duration timeout) throws InterruptedException {
		return this.otherEvents.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void read(StreamingGet response) {
		String event = "";
		try {
			for (String line = response.readLine(); line != null; line = response.readLine()) {
				if (line.startsWith("event:")) {
					event = line.substring(6).strip();
				}
				else if (line.startsWith("data:")) {
					onData(event, line.substring(5), System.nanoTime());
				}
				else if (line.isEmpty()) {
					event = "";
				}
			}
		}
		catch (IOException ex) {
			// The stream is closed when the benchmark ends.
		}
	}

	private void onData(String event, String data, long readNanos) {
		if ("hello".equals(event)) {
			this.connected.countDown();
			return;
		}
		if (!"call".equals(event)) {
			this.otherEvents.add(new Event(event, data));
			return;
		}
		Matcher callId = CALL_ID.matcher(data);
		Matcher receivedAt = RECEIVED_AT.matcher(data);
		if (callId.find() && receivedAt.find()) {
			this.messages
				.add(new Message(Long.parseLong(callId.group(1)), Instant.parse(receivedAt.group(1)), readNanos));
		}
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).timeout(TIMEOUT);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Override
	public void close() throws InterruptedException {
		StreamingGet response = this.stream;
		if (response != null) {
			try {
				response.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}
		this.http.shutdownNow();
		this.http.close();
		Thread thread = this.reader;
		if (thread != null) {
			thread.join(TIMEOUT.toMillis());
		}
	}

}
