package io.callbridge.shared.web;

import jakarta.servlet.http.HttpServletRequest;

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
 * the exception goes on to the error page.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class UnmatchedRequestHandler {

	@ExceptionHandler(NoResourceFoundException.class)
	ResponseEntity<ProblemDetail> notFound(NoResourceFoundException ex, HttpServletRequest request) throws Exception {
		requireApi(request, ex);
		return problem(HttpStatus.NOT_FOUND, "not-found",
				"There is no API resource at " + request.getRequestURI() + ".");
	}

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException ex,
			HttpServletRequest request) throws Exception {
		requireApi(request, ex);
		return problem(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed",
				request.getMethod() + " is not supported on " + request.getRequestURI() + "; supported: "
						+ ex.getSupportedHttpMethods() + ".");
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupportedType(HttpMediaTypeNotSupportedException ex, HttpServletRequest request)
			throws Exception {
		requireApi(request, ex);
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Content type "
				+ ex.getContentType() + " is not supported here; use one of " + ex.getSupportedMediaTypes() + ".");
	}

	private static void requireApi(HttpServletRequest request, Exception ex) throws Exception {
		if (!request.getRequestURI().startsWith("/api/")) {
			throw ex;
		}
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String kind, String message) {
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ApiExceptionHandler.typed(status, kind, message));
	}

}
