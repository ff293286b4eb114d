package io.callbridge.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error of the REST API into problem+json with a stable {@code type}, the
 * right status and a precise message. Unexpected errors become a 500 whose detail says
 * nothing internal.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final MessageSource messages;

	ApiExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(Problem.class)
	ProblemDetail problem(Problem problem, Locale locale) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(problem.status()),
				problem.text().in(this.messages, locale));
		detail.setType(URI.create(problem.typeUri()));
		if (problem instanceof Problems.InvalidInput invalid) {
			detail.setProperty("errors", LocalizedFieldError.of(invalid.errors(), this.messages, locale));
		}
		return detail;
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail accessDenied(AccessDeniedException ex) {
		return typed(HttpStatus.FORBIDDEN, "forbidden", "Your role does not allow this action.");
	}

	@ExceptionHandler(AuthenticationException.class)
	ProblemDetail unauthenticated(AuthenticationException ex) {
		return typed(HttpStatus.UNAUTHORIZED, "unauthorized", "Authentication required.");
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		ProblemDetail detail = typed(HttpStatus.BAD_REQUEST, "bad-request",
				"Parameter '" + ex.getName() + "' has an invalid value: " + ex.getValue());
		detail.setProperty("errors", List.of(new LocalizedFieldError(ex.getName(), "invalid value")));
		return detail;
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException ex) {
		log.info("Integrity violation: {}", ex.getMostSpecificCause().getMessage());
		return typed(HttpStatus.CONFLICT, "conflict", "The change conflicts with existing data.");
	}

	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return typed(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "An unexpected error occurred.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<LocalizedFieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new LocalizedFieldError(error.getField(),
					error.getField() + " " + error.getDefaultMessage()))
			.toList();
		ProblemDetail detail = typed(HttpStatus.BAD_REQUEST, "bad-request",
				String.join("; ", errors.stream().map(LocalizedFieldError::message).toList()));
		detail.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(detail);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String reason = (ex.getMostSpecificCause() != null) ? ex.getMostSpecificCause().getMessage() : "";
		ProblemDetail detail = typed(HttpStatus.BAD_REQUEST, "bad-request",
				"The request body is not valid JSON for this endpoint: " + firstLine(reason));
		return ResponseEntity.badRequest().body(detail);
	}

	private static String firstLine(String text) {
		int newline = text.indexOf('\n');
		String line = (newline < 0) ? text : text.substring(0, newline);
		return (line.length() > 300) ? line.substring(0, 300) : line;
	}

	static ProblemDetail typed(HttpStatus status, String kind, String message) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
		detail.setType(URI.create(Problems.TYPE_BASE + kind));
		return detail;
	}

}
