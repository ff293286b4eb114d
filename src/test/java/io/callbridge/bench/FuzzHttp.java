package io.callbridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Sends the fuzzer's requests over real HTTP/1.1 (JDK client, no redirects followed) with
 * exactly the bytes, method and headers given, and returns whatever came back; a request
 * the client itself refuses to send (e.g. a header value it forbids) or a connection the
 * server dropped is an answer too ({@link Answer#status()} below 0).
 */
final class FuzzHttp {

	/** The client refused to send the request. */
	static final int NOT_SENT = -1;

	/** The connection failed or timed out. */
	static final int TRANSPORT_FAILURE = -2;

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	private final String base;

	FuzzHttp(int port) {
		this.base = "http://localhost:" + port;
	}

	/**
	 * What came back.
	 *
	 * @param status the HTTP status, or {@link #NOT_SENT} / {@link #TRANSPORT_FAILURE}
	 * @param contentType the response's content type, or empty
	 * @param body the body, or the failure
	 */
	record Answer(int status, String contentType, String body) {

		boolean successful() {
			return this.status >= 200 && this.status < 300;
		}

		/** The problem's detail, or the start of the body. */
		String cause() {
			int at = this.body.indexOf("\"detail\":\"");
			String text = (at >= 0) ? this.body.substring(at + 10) : this.body;
			int end = (at >= 0) ? text.indexOf('"') : -1;
			String cause = (end >= 0) ? text.substring(0, end) : text;
			return (cause.length() > 200) ? cause.substring(0, 200) + "…" : cause;
		}

	}

	Answer send(String method, String pathAndQuery, Map<String, String> headers, byte @Nullable [] body) {
		HttpRequest request;
		try {
			HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(this.base + pathAndQuery))
				.timeout(TIMEOUT)
				.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
						: HttpRequest.BodyPublishers.noBody());
			headers.forEach(builder::header);
			request = builder.build();
		}
		catch (IllegalArgumentException ex) {
			return new Answer(NOT_SENT, "", String.valueOf(ex.getMessage()));
		}
		try {
			HttpResponse<byte[]> response = this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					new String(response.body(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return new Answer(TRANSPORT_FAILURE, "", ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
