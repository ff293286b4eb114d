package io.callbridge.telephony;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.callbridge.shared.Text;

/**
 * One check of an account against its provider and its outcome.
 *
 * @param code a stable identifier of the check, e.g. {@code credentials}, {@code balance}
 * @param name what was checked, in English
 * @param passed whether it passed
 * @param detail the provider's answer or what was found (a balance, an error message), in
 * English
 * @param label what was checked, in the reader's language
 * @param text the detail in the reader's language
 */
public record AccountCheck(String code, String name, boolean passed, String detail, @JsonIgnore Text label,
		@JsonIgnore Text text) {

	/** A check named and described in words shown as they are (test doubles). */
	public AccountCheck(String code, String name, boolean passed, String detail) {
		this(code, name, passed, detail, Text.literal(name), Text.literal(detail));
	}

	/**
	 * A check of a provider, named by the message {@code check.<provider>.<code>}.
	 * @param provider the provider key
	 * @param code the check's code
	 * @param passed whether it passed
	 * @param detail what was found, in the reader's language
	 * @return the check
	 */
	public static AccountCheck of(String provider, String code, boolean passed, Text detail) {
		String key = "check." + provider + "." + code;
		Text label = Text.of(key);
		return new AccountCheck(code, label.english(), passed, detail.english(), label, detail);
	}

}
