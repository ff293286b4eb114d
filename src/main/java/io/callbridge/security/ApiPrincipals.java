package io.callbridge.security;

import io.callbridge.agents.Agent;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Builds the authentication of a request that an API with its own credentials (such as
 * the OMniLeads-compatible tokens) has already verified, so that controllers receive the
 * {@link io.callbridge.shared.CurrentUser} as with Callbridge's own tokens.
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

}
