package io.callbridge.screenpop;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;

/**
 * Console requests whose browser went away (a closed tab: broken pipe, aborted
 * connection, an async response no longer usable) or whose stream reached its timeout end
 * quietly: nothing can be written to such a response, and neither is an error of the
 * server.
 */
@ControllerAdvice(assignableTypes = ConsoleController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleStreamEnds {

	private static final Logger log = LoggerFactory.getLogger(ConsoleStreamEnds.class);

	// Taking the response marks the request as handled, so nothing is rendered into it.
	@ExceptionHandler({ IOException.class, AsyncRequestTimeoutException.class })
	void ended(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		log.debug("Console request {} ended by the client or its timeout: {}", request.getRequestURI(), ex.toString());
	}

}
