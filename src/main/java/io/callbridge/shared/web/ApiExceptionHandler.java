package io.callbridge.shared.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.Problem;
import io.callbridge.shared.StorableText;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
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
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Turns every error of the REST API into problem+json with a stable {@code type}, the
 * right status and a precise message. Unexpected errors become a 500 whose detail says
 * nothing internal. A client that disconnected, or a stream that timed out after it
 * began, is logged at DEBUG and gets no answer: nobody would read it.
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
		else if (problem instanceof Problems.BadRequest bad) {
			detail.setProperty("errors", LocalizedFieldError.of(bad.errors(), this.messages, locale));
		}
		return detail;
	}

	@ExceptionHandler(AccessDeniedException.class)
	ProblemDetail accessDenied(AccessDeniedException ex, Locale locale) {
		return typed(HttpStatus.FORBIDDEN, "forbidden", Text.of("problem.forbidden").in(this.messages, locale));
	}

	@ExceptionHandler(AuthenticationException.class)
	ProblemDetail unauthenticated(AuthenticationException ex, Locale locale) {
		return typed(HttpStatus.UNAUTHORIZED, "unauthorized",
				Text.of("problem.unauthorized").in(this.messages, locale));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex, Locale locale) {
		return badField(ex.getName(), Text.of("problem.parameterInvalid", ex.getName(), String.valueOf(ex.getValue()))
			.in(this.messages, locale));
	}

	@ExceptionHandler(MultipartException.class)
	ProblemDetail multipart(MultipartException ex, Locale locale) {
		log.info("Unreadable multipart request: {}", ex.getMessage());
		return typed(HttpStatus.BAD_REQUEST, "bad-request",
				Text.of("problem.request.multipart").in(this.messages, locale));
	}

	@ExceptionHandler(ListBodyNulls.NullEntry.class)
	ProblemDetail nullEntry(ListBodyNulls.NullEntry ex, Locale locale) {
		return badField(ex.field(), Text.of("problem.json.null", ex.field()).in(this.messages, locale));
	}

	@ExceptionHandler(StorableText.Refused.class)
	ProblemDetail unstorable(StorableText.Refused ex, Locale locale) {
		return badField(ex.field(),
				Text.of("problem.json.unstorable", ex.field(), ex.code()).in(this.messages, locale));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ProblemDetail integrity(DataIntegrityViolationException ex, Locale locale) {
		log.info("Integrity violation: {}", ex.getMostSpecificCause().getMessage());
		if (DatabaseRefusals.valueTooLong(ex)) {
			String message = Text.of("problem.valueTooLong").in(this.messages, locale);
			ProblemDetail detail = typed(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input", message);
			DatabaseRefusals.column(ex)
				.ifPresent((column) -> detail.setProperty("errors", List.of(new LocalizedFieldError(column, message))));
			return detail;
		}
		if (DatabaseRefusals.unstorableCharacter(ex)) {
			log.warn(DatabaseRefusals.UNSTORABLE_LOGGED, "the API");
			return typed(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-input",
					Text.of("problem.unstorableText").in(this.messages, locale));
		}
		return typed(HttpStatus.CONFLICT, "conflict", Text.of("problem.integrity").in(this.messages, locale));
	}

	// A client that went away (closed the connection mid-download, aborted a request) is
	// not an error of the server, and there is nobody left to answer: nothing is written.
	@ExceptionHandler(Exception.class)
	@Nullable ResponseEntity<Object> unexpected(Exception ex, Locale locale) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			log.debug("Client went away: {}", ex.toString());
			return null;
		}
		log.error("Unexpected error", ex);
		return ResponseEntity.internalServerError()
			.body(typed(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
					Text.of("problem.unexpected").in(this.messages, locale)));
	}

	// An asynchronous answer (a stream) that reached its timeout after it began is over;
	// one that has not begun yet is answered 503 as by default.
	@Override
	protected @Nullable ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (request instanceof ServletWebRequest servlet && servlet.getResponse() != null
				&& servlet.getResponse().isCommitted()) {
			log.debug("Asynchronous answer timed out after it began: {}", servlet.getRequest().getRequestURI());
			return null;
		}
		return super.handleAsyncRequestTimeoutException(ex, headers, status, request);
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		Locale locale = LocaleContextHolder.getLocale();
		// The bundles word the constraints (NotBlank, Size…) in both languages; any other
		// keeps the validator's own message, which it words in the request's language
		// too.
		List<LocalizedFieldError> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map((error) -> new LocalizedFieldError(error.getField(),
					this.messages.getMessage(new DefaultMessageSourceResolvable(error.getCodes(), error.getArguments(),
							error.getField() + " " + error.getDefaultMessage()), locale)))
			.toList();
		ProblemDetail detail = typed(HttpStatus.BAD_REQUEST, "bad-request",
				String.join("; ", errors.stream().map(LocalizedFieldError::message).toList()));
		detail.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(detail);
	}

	// A path variable given blank ("/follow-ups/%20/retry") converts to null, which
	// Spring counts as the server's mistake (500); it is the request's.
	@Override
	protected @Nullable ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (!ex.isMissingAfterConversion()) {
			return super.handleMissingPathVariable(ex, headers, status, request);
		}
		return ResponseEntity.badRequest()
			.body(badField(ex.getVariableName(), Text.of("problem.parameterInvalid", ex.getVariableName(), "")
				.in(this.messages, LocaleContextHolder.getLocale())));
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		JsonReadProblems.Described described = JsonReadProblems.describe(ex);
		String message = described.text().in(this.messages, LocaleContextHolder.getLocale());
		ProblemDetail detail = typed(HttpStatus.BAD_REQUEST, "bad-request", message);
		if (described.field() != null) {
			detail.setProperty("errors", List.of(new LocalizedFieldError(described.field(), message)));
		}
		return ResponseEntity.badRequest().body(detail);
	}

	// Problems made by the base class (missing parameter, unsupported type…) carry
	// "about:blank"; give them the type of their status like every other problem.
	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem && URI.create("about:blank").equals(problem.getType())) {
			problem.setType(URI.create(Problems.TYPE_BASE + ErrorResponses.kindOf(statusCode.value())));
		}
		return super.handleExceptionInternal(ex, body, headers, statusCode, request);
	}

	// A 400 about one field or parameter, named in "errors" too.
	private static ProblemDetail badField(String field, String message) {
		ProblemDetail detail = typed(HttpStatus.BAD_REQUEST, "bad-request", message);
		detail.setProperty("errors", List.of(new LocalizedFieldError(field, message)));
		return detail;
	}

	static ProblemDetail typed(HttpStatus status, String kind, String message) {
		ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, message);
		detail.setType(URI.create(Problems.TYPE_BASE + kind));
		return detail;
	}

}
