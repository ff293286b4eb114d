package io.callbridge.telephony;

import java.util.regex.Pattern;

/**
 * What an extension (or a provider's endpoint) may be, wherever one is typed: an agent's,
 * an account's list of endpoints, the sandbox's calls. One rule, so that an extension
 * accepted in one place is accepted in the others.
 */
public final class Extensions {

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.@+*#-]{1,64}");

	private Extensions() {
	}

	/**
	 * Whether the text is an extension: 1 to 64 letters, digits or {@code . _ - @ + * #}.
	 * @param extension the text, already stripped
	 * @return whether it is one
	 */
	public static boolean valid(String extension) {
		return VALID.matcher(extension).matches();
	}

}
