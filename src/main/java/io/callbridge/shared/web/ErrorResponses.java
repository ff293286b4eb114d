package io.callbridge.shared.web;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

/**
 * Writes an error answer where no MVC handler runs (servlet filters, the security
 * firewall): problem+json for API clients and other programs, a small readable page for a
 * browser asking for HTML.
 */
@Component
class ErrorResponses {

	private static final List<String> MACHINE_PATHS = List.of("/api/", "/webhooks/", "/actuator/", "/v3/api-docs",
			"/omnileads/");

	/**
	 * The OMniLeads-compatible API answers errors in Django REST framework's shape,
	 * {@code {"detail": "…"}}, never problem+json: its clients are written for OMniLeads.
	 */
	private static final String DETAIL_SHAPED_PATH = "/omnileads/";

	private static final Map<Integer, String> KINDS = Map.of(400, "bad-request", 401, "unauthorized", 403, "forbidden",
			404, "not-found", 405, "method-not-allowed", 409, "conflict", 413, "payload-too-large", 415,
			"unsupported-media-type", 422, "invalid-input", 501, "not-implemented");

	private final MessageSource messages;

	private final LocaleResolver locales;

	ErrorResponses(MessageSource messages, LocaleResolver locales) {
		this.messages = messages;
		this.locales = locales;
	}

	/** The stable problem kind of an HTTP status ({@code internal} for other 5xx). */
	static String kindOf(int status) {
		return KINDS.getOrDefault(status, (status >= 500) ? "internal" : "bad-request");
	}

	/**
	 * Whether the client is a browser showing pages rather than a program reading
	 * problem+json: never under the API, webhook and actuator paths.
	 */
	static boolean wantsPage(@Nullable String path, @Nullable String accept) {
		if (path == null || MACHINE_PATHS.stream().anyMatch(path::startsWith)) {
			return false;
		}
		return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
	}

	/** The reader's language, as the UI chooses it (cookie, then Accept-Language). */
	Locale locale(HttpServletRequest request) {
		try {
			return this.locales.resolveLocale(request);
		}
		catch (RuntimeException ex) {
			return Locale.ENGLISH;
		}
	}

	/**
	 * The name of an HTTP status for people reading a page, in their language (API
	 * problems keep the standard English reason phrase as their title).
	 */
	String reason(int status, Locale locale) {
		return this.messages.getMessage("http.status." + status, null, HttpStatus.valueOf(status).getReasonPhrase(),
				locale);
	}

	/**
	 * Whether errors on the path are answered {@code {"detail": "…"}} (OMniLeads API).
	 */
	static boolean detailShaped(@Nullable String path) {
		return path != null && path.startsWith(DETAIL_SHAPED_PATH);
	}

	/**
	 * A problem+json body for a status with a message.
	 * @param status the HTTP status
	 * @param detail what went wrong, in the reader's language
	 * @return the problem
	 */
	static ProblemDetail problem(int status, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
		problem.setType(URI.create(Problems.TYPE_BASE + kindOf(status)));
		return problem;
	}

	/**
	 * A value of the request as an error message quotes it: at most 100 characters.
	 * @param value the value
	 * @return its text, cut with an ellipsis when longer
	 */
	static String shown(@Nullable Object value) {
		String text = String.valueOf(value);
		return (text.length() > 100) ? text.substring(0, 100) + "…" : text;
	}

	/**
	 * Answers the request with an error: a page for browsers, problem+json otherwise.
	 * @param request the request
	 * @param response its response, not yet committed
	 * @param status the HTTP status
	 * @param detail what went wrong
	 */
	void write(HttpServletRequest request, HttpServletResponse response, int status, Text detail) throws IOException {
		Locale locale = locale(request);
		String message = detail.in(this.messages, locale);
		response.resetBuffer();
		response.setStatus(status);
		response.setCharacterEncoding("UTF-8");
		if (wantsPage(request.getRequestURI(), request.getHeader("Accept"))) {
			response.setContentType(MediaType.TEXT_HTML_VALUE);
			response.getWriter().write(page(status, message, locale));
		}
		else if (detailShaped(request.getRequestURI())) {
			response.setContentType(MediaType.APPLICATION_JSON_VALUE);
			response.getWriter().write(JsonMapper.shared().writeValueAsString(Map.of("detail", message)));
		}
		else {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("type", Problems.TYPE_BASE + kindOf(status));
			body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
			body.put("status", status);
			body.put("detail", message);
			body.put("instance", safePath(request));
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter().write(JsonMapper.shared().writeValueAsString(body));
		}
		response.flushBuffer();
	}

	private String page(int status, String message, Locale locale) {
		String title = this.messages.getMessage("error.title", null, "Something went wrong", locale);
		String home = this.messages.getMessage("error.home", null, "Back to the console", locale);
		String reason = reason(status, locale);
		return """
				<!DOCTYPE html>
				<html lang="%s"><head><meta charset="utf-8"><title>%s</title>
				<link rel="stylesheet" href="/css/app.css"></head>
				<body><main class="narrow"><h1>%d %s</h1><p class="error">%s</p><p><a href="/console">%s</a></p></main>
				</body></html>
				""".formatted(locale.getLanguage(), HtmlUtils.htmlEscape(title), status, reason,
				HtmlUtils.htmlEscape(message), HtmlUtils.htmlEscape(home));
	}

	// The raw request URI may hold characters a URI refuses (that is often why the
	// request was rejected): keep only the path when it is a valid URI.
	private static String safePath(HttpServletRequest request) {
		String path = request.getRequestURI();
		try {
			return URI.create((path != null) ? path : "/").toString();
		}
		catch (IllegalArgumentException ex) {
			return "/";
		}
	}

}
