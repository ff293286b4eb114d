package io.callbridge.shared.web;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import io.callbridge.shared.Text;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page of the servlet container, replacing Spring Boot's: errors that no MVC
 * handler answered (a status sent by the container or a filter, e.g. {@code TRACE}
 * refused) become problem+json with a stable {@code type} for programs, and the error
 * page for browsers.
 */
@Controller
@RequestMapping("${server.error.path:/error}")
class ProblemErrorController implements ErrorController {

	private final MessageSource messages;

	private final ErrorResponses errors;

	ProblemErrorController(MessageSource messages, ErrorResponses errors) {
		this.messages = messages;
		this.errors = errors;
	}

	@RequestMapping
	Object error(HttpServletRequest request, HttpServletResponse response) {
		int status = status(request);
		String path = originalPath(request);
		Locale locale = this.errors.locale(request);
		String message = detail(status, path).in(this.messages, locale);
		if (ErrorResponses.wantsPage(path, request.getHeader("Accept"))) {
			response.setStatus(status);
			ModelAndView page = new ModelAndView("error");
			page.addObject("status", status);
			page.addObject("error", this.errors.reason(status, locale));
			page.addObject("message", message);
			return page;
		}
		if (ErrorResponses.detailShaped(path)) {
			return ResponseEntity.status(status)
				.contentType(MediaType.APPLICATION_JSON)
				.body(Map.of("detail", message));
		}
		ProblemDetail problem = ErrorResponses.problem(status, message);
		problem.setInstance(safeUri(path));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static int status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer status && HttpStatus.resolve(status) != null && status >= 400) {
			return status;
		}
		// Asked for directly, not as the error page of a request.
		return 404;
	}

	private static String originalPath(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return (uri instanceof String path) ? path : request.getRequestURI();
	}

	private static Text detail(int status, String path) {
		return switch (status) {
			case 400 -> Text.of("problem.request.malformed");
			case 401 -> Text.of("problem.unauthorized");
			case 403 -> Text.of("problem.forbidden");
			case 404 -> Text.of("problem.request.nothingHere", path);
			case 405 -> Text.of("problem.request.methodNotAllowed", path);
			case 413 -> Text.of("problem.request.bodyTooLarge");
			case 501 -> Text.of("problem.request.notImplemented");
			default -> (status >= 500) ? Text.of("problem.unexpected")
					: Text.of("problem.request.refused", status, HttpStatus.valueOf(status).getReasonPhrase());
		};
	}

	private static URI safeUri(String path) {
		try {
			return URI.create(path);
		}
		catch (IllegalArgumentException ex) {
			return URI.create("/");
		}
	}

}
