package io.callbridge.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends a failed login back to the login page: {@code ?error} after a wrong username or
 * password, {@code ?retry=<seconds>} while the login is refused for repeated failures,
 * keeping the organisation typed.
 */
final class LoginFailureRedirect implements AuthenticationFailureHandler {

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		UriComponentsBuilder target = UriComponentsBuilder.fromPath(request.getContextPath() + "/login");
		if (exception instanceof LoginThrottledException throttled) {
			// Rounded up, so that trying again when told never meets the refusal again.
			long millis = throttled.retryAfter().toMillis();
			target.queryParam("retry", Math.max(1, (millis + 999) / 1000));
		}
		else {
			target.queryParam("error");
		}
		String organisation = request.getParameter(LoginAttempt.ORGANISATION_FIELD);
		if (organisation != null && !organisation.isBlank()) {
			target.queryParam("org", organisation.strip());
		}
		response.sendRedirect(target.encode().build().toUriString());
	}

}
