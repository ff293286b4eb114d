package io.callbridge.security;

import java.util.Collection;
import java.util.List;

import io.callbridge.shared.CurrentUser;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The Spring Security principal of a logged-in user or API token, carrying the
 * {@link CurrentUser}.
 */
final class CallbridgeUserDetails implements UserDetails {

	private final CurrentUser user;

	private final String passwordHash;

	private final boolean enabled;

	CallbridgeUserDetails(CurrentUser user, String passwordHash, boolean enabled) {
		this.user = user;
		this.passwordHash = passwordHash;
		this.enabled = enabled;
	}

	CurrentUser currentUser() {
		return this.user;
	}

	@Override
	public Collection<? extends GrantedAuthority> getAuthorities() {
		return List.of(new SimpleGrantedAuthority("ROLE_" + this.user.role().name()));
	}

	@Override
	public String getPassword() {
		return this.passwordHash;
	}

	@Override
	public String getUsername() {
		return this.user.username();
	}

	@Override
	public boolean isEnabled() {
		return this.enabled;
	}

	@Override
	public String toString() {
		return "CallbridgeUserDetails[" + this.user.username() + "]";
	}

}
