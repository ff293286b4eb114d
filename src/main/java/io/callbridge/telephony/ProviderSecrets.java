package io.callbridge.telephony;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The secrets a provider request carries (a password in its query, a secret or a
 * signature in its headers), so that any text about the request — a log line, a failure
 * description, a message the provider echoed — can be scrubbed of them before anyone
 * reads it.
 */
public final class ProviderSecrets {

	private static final String MASK = "***";

	private static final ProviderSecrets NONE = new ProviderSecrets(List.of());

	private final List<String> secrets;

	private ProviderSecrets(List<String> secrets) {
		this.secrets = secrets;
	}

	/** Secrets to scrub; empty ones are ignored. */
	public static ProviderSecrets of(String... secrets) {
		// Longest first, so a secret containing another is masked whole.
		return new ProviderSecrets(Arrays.stream(secrets)
			.filter((secret) -> !secret.isEmpty())
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList());
	}

	/** A request without secrets. */
	public static ProviderSecrets none() {
		return NONE;
	}

	/**
	 * The text with every secret masked, as it is and URL-encoded (a space as {@code +}
	 * or {@code %20}), since a text may quote the request's URL.
	 */
	public String scrub(String text) {
		String scrubbed = text;
		for (String secret : this.secrets) {
			String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
			scrubbed = scrubbed.replace(secret, MASK).replace(encoded, MASK).replace(encoded.replace("+", "%20"), MASK);
		}
		return scrubbed;
	}

	@Override
	public String toString() {
		return "ProviderSecrets[" + this.secrets.size() + " masked]";
	}

}
