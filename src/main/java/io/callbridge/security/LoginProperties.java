package io.callbridge.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Login throttling. Failures are counted per username (of an organisation) and per client
 * address; from {@code slow-after} failures on, each further attempt must wait a delay
 * that doubles from one second up to {@code max-delay}; at {@code lock-after} failures
 * the subject is refused for {@code lock-for}. Failures are forgotten after
 * {@code window} without one; a successful login forgets the username's failures (not the
 * address's).
 *
 * @param user limits per username
 * @param address limits per client address (IPv6: per /64 network)
 * @param window quiet time after which failures are forgotten
 * @param maxDelay the longest wait between attempts while slowed down
 */
@ConfigurationProperties("callbridge.login")
record LoginProperties(@DefaultValue UserLimits user, @DefaultValue AddressLimits address,
		@DefaultValue("15m") Duration window, @DefaultValue("30s") Duration maxDelay) {

	LoginProperties {
		if (!window.isPositive() || !maxDelay.isPositive()) {
			throw new IllegalArgumentException("callbridge.login.window and max-delay must be positive");
		}
		check(user);
		check(address);
	}

	private static void check(Limits limits) {
		if (limits.slowAfter() < 1 || limits.lockAfter() < limits.slowAfter() || !limits.lockFor().isPositive()) {
			throw new IllegalArgumentException(
					"Login limits need 1 <= slow-after <= lock-after and a positive lock-for");
		}
	}

	/** The limits of one kind of subject. */
	sealed interface Limits permits UserLimits, AddressLimits {

		/** Failures after which attempts are slowed down. */
		int slowAfter();

		/** Failures after which the subject is refused for {@link #lockFor()}. */
		int lockAfter();

		/** How long a locked subject is refused. */
		Duration lockFor();

	}

	/**
	 * Limits per username: 5 failures, then slowed down, at 10 refused for 15 minutes.
	 *
	 * @param slowAfter failures after which attempts are slowed down
	 * @param lockAfter failures after which the username is refused
	 * @param lockFor how long
	 */
	record UserLimits(@DefaultValue("5") int slowAfter, @DefaultValue("10") int lockAfter,
			@DefaultValue("15m") Duration lockFor) implements Limits {
	}

	/**
	 * Limits per client address, higher because colleagues may share one: 20 failures,
	 * then slowed down, at 50 refused for 15 minutes.
	 *
	 * @param slowAfter failures after which attempts are slowed down
	 * @param lockAfter failures after which the address is refused
	 * @param lockFor how long
	 */
	record AddressLimits(@DefaultValue("20") int slowAfter, @DefaultValue("50") int lockAfter,
			@DefaultValue("15m") Duration lockFor) implements Limits {
	}

}
