package io.callbridge.security;

import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.shared.CurrentUser;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Builds the authentication of a request that an API with its own credentials (such as
 * the OMniLeads-compatible tokens) has already verified, so that controllers receive the
 * {@link io.callbridge.shared.CurrentUser} as with Callbridge's own tokens; and tells who
 * the running request is authenticated as, for code that runs before a controller.
 */
public final class ApiPrincipals {

	private ApiPrincipals() {
	}

	/**
	 * The authentication of a request acting as the user (no login session).
	 * @param agent the user, already checked to be enabled
	 * @return an authenticated token with the user's role
	 */
	public static Authentication authenticationFor(Agent agent) {
		CallbridgeUserDetails details = CallbridgeUserDetails.of(agent, CallbridgeUserDetails.NO_SESSION);
		return UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities());
	}

	/**
	 * The user the running request is authenticated as (login session, Callbridge token
	 * or an API's own token).
	 * @return empty for a request of nobody's (a provider's webhook, a login page)
	 */
	public static Optional<CurrentUser> current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return (authentication != null && authentication.getPrincipal() instanceof CallbridgeUserDetails details)
				? Optional.of(details.currentUser()) : Optional.empty();
	}

}
