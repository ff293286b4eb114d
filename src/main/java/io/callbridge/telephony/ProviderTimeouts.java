package io.callbridge.telephony;

import java.time.Duration;

/**
 * How long a provider's HTTP requests may take: to connect, and in all until the answer
 * is read. Each provider configures its own
 * ({@code callbridge.<provider>.connect-timeout} and {@code read-timeout}), checked at
 * start-up by {@link #check}.
 *
 * @param connect the longest wait for a connection
 * @param read the longest a request may take from sending it until its answer is read
 */
public record ProviderTimeouts(Duration connect, Duration read) {

	/**
	 * The longest connect timeout accepted: a provider that takes longer to accept a
	 * connection is down.
	 */
	public static final Duration LONGEST_CONNECT = Duration.ofMinutes(1);

	/**
	 * The longest read timeout accepted: request turns shared by nodes are held this long
	 * when a node dies mid-request, so a longer one would block a provider's account.
	 */
	public static final Duration LONGEST_READ = Duration.ofMinutes(5);

	public ProviderTimeouts {
		check("timeouts", connect, read);
	}

	/**
	 * Checks a provider's configured timeouts.
	 * @param prefix the provider's configuration prefix, e.g. {@code callbridge.zadarma}
	 * @param connect its {@code connect-timeout}
	 * @param read its {@code read-timeout}
	 * @throws IllegalArgumentException naming the property when a timeout is missing, not
	 * positive or too long
	 */
	public static void check(String prefix, Duration connect, Duration read) {
		within(prefix + ".connect-timeout", connect, LONGEST_CONNECT);
		within(prefix + ".read-timeout", read, LONGEST_READ);
	}

	private static void within(String property, Duration value, Duration longest) {
		if (value == null || !value.isPositive() || value.compareTo(longest) > 0) {
			throw new IllegalArgumentException(
					property + " must be more than 0 and at most " + longest.toSeconds() + " s, not " + value);
		}
	}

}
