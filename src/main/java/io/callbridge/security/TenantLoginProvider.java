package io.callbridge.security;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.callbridge.agents.AgentCredentials;
import io.callbridge.agents.Agents;
import io.callbridge.audit.AuditCategory;
import io.callbridge.audit.AuditEntry;
import io.callbridge.audit.AuditOutcome;
import io.callbridge.audit.AuditTrail;
import io.callbridge.security.LoginThrottle.Scope;
import io.callbridge.security.LoginThrottle.Subject;
import io.callbridge.tenants.Tenant;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Checks the login form: the user is looked up in the organisation named at login (the
 * default tenant when none is), repeated failures are slowed down and then refused, and
 * every failure is recorded in the audit trail. Whatever went wrong, the answer is the
 * same and takes as long (an unknown user's password is checked against a dummy hash), so
 * it tells nobody which usernames or organisations exist.
 */
@Component
class TenantLoginProvider implements AuthenticationProvider {

	private static final int MAX_USERNAME = 100;

	private final Tenants tenants;

	private final Agents agents;

	private final PasswordEncoder passwords;

	private final LoginThrottle throttle;

	private final AuditTrail audit;

	private final String unknownUserHash;

	TenantLoginProvider(Tenants tenants, Agents agents, PasswordEncoder passwords, LoginThrottle throttle,
			AuditTrail audit) {
		this.tenants = tenants;
		this.agents = agents;
		this.passwords = passwords;
		this.throttle = throttle;
		this.audit = audit;
		this.unknownUserHash = passwords.encode("no user has this password");
	}

	/** Why a login failed, as recorded in the audit trail (never shown to the user). */
	enum Reason {

		/** The organisation named does not exist. */
		UNKNOWN_ORGANISATION,
		/** The organisation has no such user. */
		UNKNOWN_USER,
		/** The password is wrong. */
		BAD_PASSWORD,
		/** The user may not log in. */
		DISABLED

	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		LoginAttempt attempt = (authentication.getDetails() instanceof LoginAttempt given) ? given
				: new LoginAttempt(Tenant.DEFAULT_SLUG, "unknown");
		String username = cut(String.valueOf(authentication.getName()).strip());
		Subject user = new Subject(Scope.USER, attempt.organisation() + "/" + username.toLowerCase(Locale.ROOT));
		Subject address = new Subject(Scope.ADDRESS, ClientAddress.throttleKey(attempt.clientAddress()));
		Optional<Duration> wait = this.throttle.refusal(List.of(user, address));
		if (wait.isPresent()) {
			throw new LoginThrottledException(wait.get());
		}
		Optional<Tenant> tenant = this.tenants.findBySlug(attempt.organisation());
		Optional<AgentCredentials> found = tenant.flatMap((t) -> this.agents.findForLogin(t.id(), username));
		String hash = found.map(AgentCredentials::passwordHash).orElse(this.unknownUserHash);
		boolean matches = this.passwords.matches(String.valueOf(authentication.getCredentials()), hash);
		Reason reason = reason(tenant, found, matches);
		if (reason != null) {
			failed(attempt, username, tenant, found, reason, user, address);
			throw new BadCredentialsException("Wrong username or password");
		}
		AgentCredentials credentials = found.orElseThrow();
		this.throttle.forget(user);
		CallbridgeUserDetails principal = CallbridgeUserDetails.of(credentials.agent(), credentials.sessionVersion());
		UsernamePasswordAuthenticationToken result = UsernamePasswordAuthenticationToken.authenticated(principal, null,
				principal.getAuthorities());
		result.setDetails(attempt);
		return result;
	}

	private static @Nullable Reason reason(Optional<Tenant> tenant, Optional<AgentCredentials> found, boolean matches) {
		if (tenant.isEmpty()) {
			return Reason.UNKNOWN_ORGANISATION;
		}
		if (found.isEmpty()) {
			return Reason.UNKNOWN_USER;
		}
		if (!matches) {
			return Reason.BAD_PASSWORD;
		}
		return found.get().agent().enabled() ? null : Reason.DISABLED;
	}

	private void failed(LoginAttempt attempt, String username, Optional<Tenant> tenant,
			Optional<AgentCredentials> found, Reason reason, Subject user, Subject address) {
		Optional<Instant> userLocked = this.throttle.recordFailure(user);
		Optional<Instant> addressLocked = this.throttle.recordFailure(address);
		// An unknown organisation's attempts go to the default tenant's (the operator's)
		// trail, with the organisation typed.
		long tenantId = tenant.map(Tenant::id).orElseGet(() -> this.tenants.defaultTenant().id());
		String details = tenant.isEmpty() ? "organisation=" + attempt.organisation() : null;
		Long actorId = found.map((credentials) -> credentials.agent().id()).orElse(null);
		record(tenantId, "LOGIN_FAILED", actorId, username, details, reason.name(), attempt);
		userLocked.ifPresent((until) -> record(tenantId, "LOGIN_LOCKED", actorId, username,
				"username refused until " + until, "USER_LOCKED", attempt));
		addressLocked.ifPresent((until) -> record(tenantId, "LOGIN_LOCKED", actorId, username,
				"address " + address.key() + " refused until " + until, "ADDRESS_LOCKED", attempt));
	}

	private void record(long tenantId, String action, @Nullable Long actorId, String username, @Nullable String details,
			String reason, LoginAttempt attempt) {
		this.audit.record(new AuditEntry(tenantId, AuditCategory.LOGIN, action, actorId, username, null, details,
				reason, attempt.clientAddress(), AuditOutcome.REFUSED, null));
	}

	private static String cut(String username) {
		return (username.length() > MAX_USERNAME) ? username.substring(0, MAX_USERNAME) : username;
	}

}
