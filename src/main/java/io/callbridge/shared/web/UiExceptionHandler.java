package io.callbridge.shared.web;

import io.callbridge.shared.Problems.Problem;
import io.callbridge.shared.StorableText;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Shows errors of the UI pages as a readable message: a small fragment for htmx requests
 * (the page shows it as a notice), a full error page otherwise, always with the right
 * status. A browser that went away, or a stream that timed out, is logged at DEBUG and
 * gets nothing.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class UiExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(UiExceptionHandler.class);

	private final MessageSource messages;

	UiExceptionHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(Problem.class)
	ModelAndView problem(Problem problem, HttpServletRequest request, HttpServletResponse response) {
		return view(request, response, problem.status(),
				problem.text().in(this.messages, RequestContextUtils.getLocale(request)));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ModelAndView denied(AccessDeniedException ex, HttpServletRequest request, HttpServletResponse response) {
		return view(request, response, 403, text(Text.of("problem.forbidden"), request));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ModelAndView missingParameter(MissingServletRequestParameterException ex, HttpServletRequest request,
			HttpServletResponse response) {
		return view(request, response, 400, text(Text.of("problem.parameterMissing", ex.getParameterName()), request));
	}

	// Spring's own message names Java types; say which parameter is wrong instead.
	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ModelAndView typeMismatch(MethodArgumentTypeMismatchException ex, HttpServletRequest request,
			HttpServletResponse response) {
		return view(request, response, 400,
				text(Text.of("problem.parameterInvalid", ex.getName(), String.valueOf(ex.getValue())), request));
	}

	// A path variable given blank converts to null, which Spring counts as the server's
	// mistake; it is the request's.
	@ExceptionHandler(MissingPathVariableException.class)
	ModelAndView blankPathVariable(MissingPathVariableException ex, HttpServletRequest request,
			HttpServletResponse response) {
		if (!ex.isMissingAfterConversion()) {
			return unexpectedPage(ex, request, response);
		}
		return view(request, response, 400,
				text(Text.of("problem.parameterInvalid", ex.getVariableName(), ""), request));
	}

	// A form value its field cannot hold (text where a number belongs, a number out of
	// range): the page's own inputs do not send one, a changed form or a script can.
	// Say which field, not Spring's message about Java types.
	@ExceptionHandler(BindException.class)
	ModelAndView unbindable(BindException ex, HttpServletRequest request, HttpServletResponse response) {
		FieldError error = ex.getFieldError();
		Text text = (error != null)
				? Text.of("problem.parameterInvalid", error.getField(), ErrorResponses.shown(error.getRejectedValue()))
				: Text.of("problem.request.malformed");
		return view(request, response, 400, text(text, request));
	}

	@ExceptionHandler(MultipartException.class)
	ModelAndView multipart(MultipartException ex, HttpServletRequest request, HttpServletResponse response) {
		log.info("Unreadable multipart request on {}: {}", request.getRequestURI(), ex.getMessage());
		return view(request, response, 400, text(Text.of("problem.request.multipart"), request));
	}

	@ExceptionHandler(StorableText.Refused.class)
	ModelAndView unstorable(StorableText.Refused ex, HttpServletRequest request, HttpServletResponse response) {
		return view(request, response, 400, text(Text.of("problem.json.unstorable", ex.field(), ex.code()), request));
	}

	@ExceptionHandler(DataIntegrityViolationException.class)
	ModelAndView integrity(DataIntegrityViolationException ex, HttpServletRequest request,
			HttpServletResponse response) {
		log.info("Integrity violation on {}: {}", request.getRequestURI(), ex.getMostSpecificCause().getMessage());
		if (DatabaseRefusals.valueTooLong(ex)) {
			return view(request, response, 422, text(Text.of("problem.valueTooLong"), request));
		}
		if (DatabaseRefusals.unstorableCharacter(ex)) {
			log.warn(DatabaseRefusals.UNSTORABLE_LOGGED, request.getRequestURI());
			return view(request, response, 422, text(Text.of("problem.unstorableText"), request));
		}
		return view(request, response, 409, text(Text.of("problem.integrity"), request));
	}

	// A page stream (the console's events) or an export that timed out or whose browser
	// went away has nobody to show a page to: nothing is written.
	@ExceptionHandler({ AsyncRequestTimeoutException.class, AsyncRequestNotUsableException.class })
	@Nullable ModelAndView asyncEnded(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.debug("Asynchronous answer to {} ended: {}", request.getRequestURI(), ex.toString());
		if (ex instanceof AsyncRequestTimeoutException && !response.isCommitted()) {
			response.setStatus(503);
		}
		return null;
	}

	@ExceptionHandler(Exception.class)
	@Nullable ModelAndView unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			log.debug("Client went away from {}: {}", request.getRequestURI(), ex.toString());
			return null;
		}
		return unexpectedPage(ex, request, response);
	}

	private ModelAndView unexpectedPage(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.error("Unexpected error on {}", request.getRequestURI(), ex);
		String message = this.messages.getMessage("error.unexpected", null, "An unexpected error occurred.",
				RequestContextUtils.getLocale(request));
		return view(request, response, 500, message);
	}

	private String text(Text text, HttpServletRequest request) {
		return text.in(this.messages, RequestContextUtils.getLocale(request));
	}

	private static ModelAndView view(HttpServletRequest request, HttpServletResponse response, int status,
			String message) {
		response.setStatus(status);
		boolean htmx = request.getHeader("HX-Request") != null;
		ModelAndView view = new ModelAndView(htmx ? "fragments/error" : "error/problem");
		view.addObject("message", message);
		return view;
	}

}
