package io.callbridge.uis.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads what UIS sent: the parameters (query string, or a form body) without the secret,
 * and the body (the JSON template) as UTF-8 text, up to {@link #LIMIT} bytes.
 */
final class UisRequests {

	/** The largest body read: a filled-in template is well under a kilobyte. */
	static final int LIMIT = 64 * 1024;

	private static final int LOGGED_LENGTH = 64;

	private UisRequests() {
	}

	/** The request's parameters, each with its first value, without the secret. */
	static Map<String, String> parameters(HttpServletRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!UisWebhookGate.SECRET_PARAMETER.equals(name) && values.length > 0) {
				parameters.put(name, values[0]);
			}
		});
		return parameters;
	}

	/**
	 * The body as text (empty when there is none, or when it was a form already read as
	 * parameters), or {@code null} when it is longer than {@link #LIMIT}.
	 */
	static @Nullable String body(HttpServletRequest request) throws IOException {
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes(LIMIT + 1);
			return (bytes.length > LIMIT) ? null : new String(bytes, StandardCharsets.UTF_8);
		}
	}

	/**
	 * A value from the request as it may go into the log or a message: control characters
	 * become '?' (no forged log lines) and the value is cut at 64 characters.
	 */
	static String loggable(@Nullable String value) {
		if (value == null) {
			return "-";
		}
		String cut = (value.length() > LOGGED_LENGTH) ? value.substring(0, LOGGED_LENGTH) + "…" : value;
		return cut.replaceAll("\\p{Cntrl}", "?");
	}

}
