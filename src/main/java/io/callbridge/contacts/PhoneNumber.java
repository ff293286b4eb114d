package io.callbridge.contacts;

import io.callbridge.shared.Text;

/**
 * The outcome of reading a phone number: a value, because an invalid or withheld number
 * is an ordinary case.
 */
public sealed interface PhoneNumber {

	/**
	 * A valid number.
	 *
	 * @param e164 the number in E.164, e.g. {@code +34912345678}
	 */
	record Valid(String e164) implements PhoneNumber {
	}

	/**
	 * A number that cannot be read.
	 *
	 * @param input what was given
	 * @param reason why it is refused, for the user
	 */
	record Invalid(String input, Text reason) implements PhoneNumber {
	}

	/** No number: the caller withheld it (private, anonymous, unknown). */
	record Withheld() implements PhoneNumber {
	}

}
