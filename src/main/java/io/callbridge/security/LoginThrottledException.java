package io.callbridge.security;

import java.io.Serial;
import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused before its password was looked at, because of repeated failures of the
 * username or the client address.
 */
final class LoginThrottledException extends AuthenticationException {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Too many failed logins; try again in " + retryAfter.toSeconds() + " s");
		this.retryAfter = retryAfter;
	}

	/** How long the user must wait before trying again. */
	Duration retryAfter() {
		return this.retryAfter;
	}

}
