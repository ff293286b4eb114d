package io.callbridge.zadarma;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Plays Zadarma's side of the call-notification webhook in tests: posts NOTIFY_* form
 * bodies signed with the account's secret exactly as Zadarma documents it (per-event
 * field concatenation, Base64 of the hex HMAC-SHA1), urlencoded or multipart. Also used
 * by the {@link ZadarmaSimulator} to deliver its notifications and by the benchmarks; one
 * sender holds one HTTP client.
 */
public final class ZadarmaWebhookSender {

	private final HttpClient http = HttpClient.newHttpClient();

	private final String url;

	private final String secret;

	public ZadarmaWebhookSender(String url, String secret) {
		this.url = url;
		this.secret = secret;
	}

	public static Map<String, String> fields(String... pairs) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			map.put(pairs[i], pairs[i + 1]);
		}
		return map;
	}

	/** A {@code call_start} as Zadarma writes it: local time, no zone. */
	public static String callStart(LocalDateTime local) {
		return local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
	}

	/** The signature Zadarma would send for these fields. */
	public String signature(Map<String, String> f) {
		String event = f.getOrDefault("event", "");
		String signed = switch (event) {
			case "NOTIFY_ANSWER" -> v(f, "caller_id") + v(f, "destination") + v(f, "call_start");
			case "NOTIFY_OUT_START", "NOTIFY_OUT_END" -> v(f, "internal") + v(f, "destination") + v(f, "call_start");
			case "NOTIFY_RECORD" -> v(f, "pbx_call_id") + v(f, "call_id_with_rec");
			default -> v(f, "caller_id") + v(f, "called_did") + v(f, "call_start");
		};
		return ZadarmaHmac.sign(this.secret, signed);
	}

	public HttpResponse<String> post(Map<String, String> fields) {
		return post(fields, signature(fields));
	}

	public HttpResponse<String> post(Map<String, String> fields, String signature) {
		String body = fields.entrySet()
			.stream()
			.map((e) -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (signature != null) {
			request.header("Signature", signature);
		}
		return send(request.build());
	}

	public HttpResponse<String> postMultipart(Map<String, String> fields) {
		String boundary = "zd" + System.nanoTime();
		StringBuilder body = new StringBuilder();
		fields.forEach((k, v) -> body.append("--")
			.append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"")
			.append(k)
			.append("\"\r\n\r\n")
			.append(v)
			.append("\r\n"));
		body.append("--").append(boundary).append("--\r\n");
		return send(HttpRequest.newBuilder(URI.create(this.url))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.header("Signature", signature(fields))
			.POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
			.build());
	}

	public HttpResponse<String> get(String query) {
		return send(HttpRequest.newBuilder(URI.create(this.url + "?" + query)).GET().build());
	}

	/** A GET with an {@code Accept} header, as some URL checks send it. */
	public HttpResponse<String> get(String query, String accept) {
		return send(HttpRequest.newBuilder(URI.create(this.url + "?" + query)).header("Accept", accept).GET().build());
	}

	/** A signed POST with an {@code Accept} header. */
	public HttpResponse<String> post(Map<String, String> fields, String signature, String accept) {
		String body = fields.entrySet()
			.stream()
			.map((e) -> enc(e.getKey()) + "=" + enc(e.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(this.url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", accept)
			.header("Signature", signature)
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String v(Map<String, String> fields, String name) {
		return fields.getOrDefault(name, "");
	}

	private static String enc(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
