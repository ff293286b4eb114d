package io.callbridge.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

/**
 * Writes problem+json answers from security filters, where the MVC exception handlers do
 * not reach, in the reader's language (cookie, then Accept-Language, as everywhere).
 */
@Component
class ProblemResponses {

	private final MessageSource messages;

	private final LocaleResolver locales;

	ProblemResponses(MessageSource messages, LocaleResolver locales) {
		this.messages = messages;
		this.locales = locales;
	}

	void write(HttpServletRequest request, HttpServletResponse response, int status, String kind, Text detail)
			throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", Problems.TYPE_BASE + kind);
		body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
		body.put("status", status);
		body.put("detail", detail.in(this.messages, locale(request)));
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.setCharacterEncoding("UTF-8");
		if (status == 401) {
			response.setHeader("WWW-Authenticate", "Bearer");
		}
		response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
	}

	// The filters run before the MVC locale is set: ask the resolver directly.
	private Locale locale(HttpServletRequest request) {
		try {
			return this.locales.resolveLocale(request);
		}
		catch (RuntimeException ex) {
			return Locale.ENGLISH;
		}
	}

}
