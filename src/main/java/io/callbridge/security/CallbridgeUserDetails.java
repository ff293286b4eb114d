package io.callbridge.security;

import java.util.Collection;
import java.util.List;

import io.callbridge.agents.Agent;
import io.callbridge.shared.CurrentUser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The Spring Security principal of a logged-in user or API token, carrying the
 * {@link CurrentUser} and, for a login session, the user's session version at login (the
 * session ends once the stored version differs). Holds no password.
 */
final class CallbridgeUserDetails implements UserDetails {

	/** The session version of a principal that is not a login session (an API token). */
	static final long NO_SESSION = -1;

	private final CurrentUser user;

	private final long sessionVersion;

	CallbridgeUserDetails(CurrentUser user, long sessionVersion) {
		this.user = user;
		this.sessionVersion = sessionVersion;
	}

	static CallbridgeUserDetails of(Agent agent, long sessionVersion) {
		return new CallbridgeUserDetails(
				new CurrentUser(agent.id(), agent.tenantId(), agent.username(), agent.displayName(), agent.role()),
				sessionVersion);
	}

	CurrentUser currentUser() {
		return this.user;
	}

	long sessionVersion() {
		return this.sessionVersion;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.user.role().name()));
	}

	@Override
	public String getPassword() {
		return "";
	}

	@Override
	public String getUsername() {
		return this.user.username();
	}

	@Override
	public String toString() {
		return "CallbridgeUserDetails[" + this.user.username() + "]";
	}

}
