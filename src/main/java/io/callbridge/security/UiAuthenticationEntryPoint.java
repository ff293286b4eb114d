package io.callbridge.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a UI request that needs a login. A page gets a redirect to the login page
 * ({@code ?expired} when its session has just ended or timed out); an htmx request gets
 * {@code 401} with {@code HX-Redirect}, so htmx loads the login page instead of swapping
 * it into a fragment; the console's event stream gets a plain {@code 401}.
 */
final class UiAuthenticationEntryPoint implements AuthenticationEntryPoint {

	static final String HTMX_HEADER = "HX-Request";

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String login = request.getContextPath() + (sessionEnded(request) ? "/login?expired" : "/login");
		if (request.getHeader(HTMX_HEADER) != null) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			response.setHeader("HX-Redirect", login);
			return;
		}
		if (isEventStream(request)) {
			response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		response.sendRedirect(login);
	}

	private static boolean sessionEnded(HttpServletRequest request) {
		return request.getAttribute(SessionVersionFilter.ENDED) != null
				|| (request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid());
	}

	static boolean isEventStream(HttpServletRequest request) {
		String accept = request.getHeader("Accept");
		return accept != null && accept.contains(MediaType.TEXT_EVENT_STREAM_VALUE);
	}

}
