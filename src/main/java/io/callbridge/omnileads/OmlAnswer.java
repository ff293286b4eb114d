package io.callbridge.omnileads;

import java.io.IOException;
import java.io.Serial;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;

/**
 * An answer in OMniLeads' shape that ends a request early (an unknown object, a role
 * denied, a refused body): thrown by the adapter's controllers and written by
 * {@link OmlErrors}, or written at once by the adapter's filters.
 */
final class OmlAnswer extends RuntimeException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final int status;

	private final transient Object body;

	OmlAnswer(int status, Object body) {
		super(null, null, false, false);
		this.status = status;
		this.body = body;
	}

	/** Django REST framework's error shape, {@code {"detail": "…"}}. */
	static OmlAnswer detail(int status, String detail) {
		return new OmlAnswer(status, Map.of("detail", detail));
	}

	/** DRF's 404 for an unknown object. */
	static OmlAnswer notFound(OmlLanguage language) {
		return detail(404, OmlTexts.NOT_FOUND.in(language));
	}

	/** DRF's 403 for a role that may not use the endpoint. */
	static OmlAnswer denied(OmlLanguage language) {
		return detail(403, OmlTexts.PERMISSION_DENIED.in(language));
	}

	int status() {
		return this.status;
	}

	Object body() {
		return this.body;
	}

	/** Writes the answer as JSON (DRF answers {@code application/json}). */
	void writeTo(HttpServletResponse response) throws IOException {
		response.resetBuffer();
		response.setStatus(this.status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.getWriter().write(JsonMapper.shared().writeValueAsString(this.body));
		response.flushBuffer();
	}

}
