package io.callbridge.security;

import java.util.Optional;

import io.callbridge.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;

/**
 * Checks a username and password outside the login form (for an API that issues its own
 * tokens, such as the OMniLeads-compatible login) with the same rules as the form: the
 * user is looked up in the named organisation, repeated failures are slowed down and then
 * refused, and every failure is recorded in the audit trail.
 */
@Component
public class PasswordLogins {

	private final TenantLoginProvider provider;

	PasswordLogins(TenantLoginProvider provider) {
		this.provider = provider;
	}

	/**
	 * The user the credentials belong to, if they are right, the user is enabled and
	 * neither the username nor the client's address is being throttled.
	 * @param tenantSlug the organisation's short name (the default tenant's for it)
	 * @param username the username
	 * @param password the password
	 * @param request the request, for the client's address
	 * @return the user, or empty whatever went wrong (the reason is in the audit trail)
	 */
	public Optional<CurrentUser> verify(String tenantSlug, String username, String password,
			HttpServletRequest request) {
		UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
				password);
		attempt.setDetails(new LoginAttempt(LoginAttempt.organisation(tenantSlug), ClientAddress.of(request)));
		try {
			Authentication result = this.provider.authenticate(attempt);
			return Optional.of(((CallbridgeUserDetails) result.getPrincipal()).currentUser());
		}
		catch (AuthenticationException refused) {
			return Optional.empty();
		}
	}

}
