package io.callbridge.shared.web;

import io.callbridge.shared.Problems.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Shows errors of the UI pages as a readable message: a small fragment for htmx requests
 * (the page shows it as a notice), a full error page otherwise, always with the right
 * status.
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
		return view(request, response, 403, "Your role does not allow this action.");
	}

	@ExceptionHandler({ MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class })
	ModelAndView badRequest(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		return view(request, response, 400, ex.getMessage());
	}

	@ExceptionHandler(Exception.class)
	ModelAndView unexpected(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.error("Unexpected error on {}", request.getRequestURI(), ex);
		String message = this.messages.getMessage("error.unexpected", null, "An unexpected error occurred.",
				RequestContextUtils.getLocale(request));
		return view(request, response, 500, message);
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
