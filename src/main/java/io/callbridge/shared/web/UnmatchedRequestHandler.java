package io.callbridge.shared.web;

import java.util.Locale;

import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers requests that match no handler (unknown path, wrong method, unsupported body
 * type). Under {@code /api} they get problem+json like every other API error; elsewhere
 * (including the OMniLeads-compatible API under {@code /omnileads}, whose own resolver
 * answers first in its own shape) the exception goes on.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmatchedRequestHandler {

	private final MessageSource messages;

	UnmatchedRequestHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NoResourceFoundException ex, HttpServletRequest request, Locale locale)
			throws Exception {
		requireApi(request, ex);
		return problem(HttpStatus.NOT_FOUND, "not-found", Text.of("problem.noApiResource", request.getRequestURI()),
				locale);
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException ex,
			HttpServletRequest request, Locale locale) throws Exception {
		requireApi(request, ex);
		return problem(
				HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", Text.of("problem.methodNotSupported",
						request.getMethod(), request.getRequestURI(), String.valueOf(ex.getSupportedHttpMethods())),
				locale);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupportedType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request,
			Locale locale) throws Exception {
		requireApi(request, ex);
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
				Text.of("problem.mediaTypeNotSupported", String.valueOf(ex.getContentType()),
						String.valueOf(ex.getSupportedMediaTypes())),
				locale);
	}

	private static void requireApi(HttpServletRequest request, Exception ex) throws Exception {
		if (!request.getRequestURI().startsWith("/api/")) {
			throw ex;
		}
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String kind, Text message, Locale locale) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ApiExceptionHandler.typed(status, kind, message.in(this.messages, locale)));
	}

}
