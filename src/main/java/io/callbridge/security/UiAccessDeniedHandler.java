package io.callbridge.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;

/**
 * A form posted from a page whose session has ended (ended by an account change, timed
 * out, or the server restarted) carries a CSRF token nobody knows any more: that is a
 * login to redo, not a forbidden action, so it goes to the login page like any request
 * needing a login. Every other refusal stays a 403.
 */
final class UiAccessDeniedHandler implements AccessDeniedHandler {

	private final AuthenticationEntryPoint login;

	private final AccessDeniedHandler forbidden = new AccessDeniedHandlerImpl();

	UiAccessDeniedHandler(AuthenticationEntryPoint login) {
		this.login = login;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException, ServletException {
		// Only a session the browser sent and that no longer exists: a request without
		// any
		// session (e.g. forged from another site) stays forbidden.
		boolean sessionGone = request.getRequestedSessionId() != null && !request.isRequestedSessionIdValid();
		if (denied instanceof CsrfException && sessionGone) {
			this.login.commence(request, response,
					new InsufficientAuthenticationException("The session has ended", denied));
			return;
		}
		this.forbidden.handle(request, response, denied);
	}

}
