package io.callbridge.omnileads;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CRM calling the OMniLeads-compatible API over HTTP, with full control of the headers
 * and of the body's encoding (JSON, form or multipart, as OMniLeads' clients send them).
 */
final class OmlClient {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final int port;

	private final Map<String, String> headers;

	OmlClient(int port) {
		this(port, Map.of());
	}

	private OmlClient(int port, Map<String, String> headers) {
		this.port = port;
		this.headers = headers;
	}

	/** How a body is encoded. */
	enum Encoding {

		JSON, FORM, MULTIPART

	}

	/** A file part of a multipart body. */
	record FilePart(String filename, String contentType, byte[] content) {
	}

	/** The same client with {@code Authorization: Bearer <key>}. */
	OmlClient token(String key) {
		return header("Authorization", "Bearer " + key);
	}

	/** The same client with {@code Accept-Language}. */
	OmlClient language(String languages) {
		return header("Accept-Language", languages);
	}

	OmlClient header(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return new OmlClient(this.port, more);
	}

	Answer get(String path) {
		return send("GET", path, null, new byte[0]);
	}

	Answer delete(String path) {
		return send("DELETE", path, null, new byte[0]);
	}

	/** POSTs a JSON body (a String as is, anything else serialised). */
	Answer postJson(String path, Object body) {
		return send("POST", path, "application/json", json(body));
	}

	Answer putJson(String path, Object body) {
		return send("PUT", path, "application/json", json(body));
	}

	/**
	 * Sends fields in the encoding: values are texts, numbers or lists of them (a list is
	 * a repeated form field, a JSON array); a {@link FilePart} is a file of a multipart
	 * body.
	 */
	Answer send(String method, String path, Encoding encoding, Map<String, ?> fields) {
		return switch (encoding) {
			case JSON -> send(method, path, "application/json", json(fields));
			case FORM ->
				send(method, path, "application/x-www-form-urlencoded", form(fields).getBytes(StandardCharsets.UTF_8));
			case MULTIPART -> {
				String boundary = "----oml" + UUID.randomUUID().toString().replace("-", "");
				yield send(method, path, "multipart/form-data; boundary=" + boundary, multipart(fields, boundary));
			}
		};
	}

	Answer post(String path, Encoding encoding, Map<String, ?> fields) {
		return send("POST", path, encoding, fields);
	}

	Answer send(String method, String path, @Nullable String contentType, byte[] body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		this.headers.forEach(request::header);
		try {
			HttpResponse<String> response = HTTP.send(request.build(),
					HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
			return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
					response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] json(Object body) {
		String text = (body instanceof String string) ? string : JsonMapper.shared().writeValueAsString(body);
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String form(Map<String, ?> fields) {
		List<String> pairs = new ArrayList<>();
		fields.forEach((name, value) -> {
			for (Object item : items(value)) {
				pairs.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(String.valueOf(item), StandardCharsets.UTF_8));
			}
		});
		return String.join("&", pairs);
	}

	private static byte[] multipart(Map<String, ?> fields, String boundary) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		fields.forEach((name, value) -> {
			for (Object item : items(value)) {
				if (item instanceof FilePart file) {
					write(out,
							"--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
									+ file.filename() + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
					out.writeBytes(file.content());
					write(out, "\r\n");
				}
				else {
					write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n"
							+ item + "\r\n");
				}
			}
		});
		write(out, "--" + boundary + "--\r\n");
		return out.toByteArray();
	}

	private static List<?> items(@Nullable Object value) {
		return (value instanceof List<?> list) ? list : List.of((value != null) ? value : "");
	}

	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * An answer.
	 *
	 * @param status the HTTP status
	 * @param contentType its Content-Type
	 * @param body its body
	 */
	record Answer(int status, String contentType, String body) {

		/** Asserts the status and a JSON (never problem+json) body, and returns it. */
		JsonNode json(int expectedStatus) {
			assertThat(this.status).as("status of an answer with body %s", this.body).isEqualTo(expectedStatus);
			assertThat(this.contentType).as("content type of %s", this.body).startsWith("application/json");
			return JsonMapper.shared().readTree(this.body);
		}

		/** Asserts the status and DRF's {@code {"detail": …}} body, exactly. */
		void detail(int expectedStatus, String detail) {
			assertThat(json(expectedStatus)).isEqualTo(JsonMapper.shared().createObjectNode().put("detail", detail));
		}

	}

}
