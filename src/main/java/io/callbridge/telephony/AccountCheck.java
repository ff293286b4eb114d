package io.callbridge.telephony;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.callbridge.shared.Text;

/**
 * One check of an account against its provider and its outcome.
 *
 * @param code a stable identifier of the check, e.g. {@code credentials}, {@code balance}
 * @param name what was checked, for people
 * @param passed whether it passed
 * @param detail the provider's answer or what was found (a balance, an error message), in
 * English
 * @param text the same detail in the reader's language, for the pages
 */
public record AccountCheck(String code, String name, boolean passed, String detail, @JsonIgnore Text text) {

	/** A check whose detail is the provider's own words or an English text. */
	public AccountCheck(String code, String name, boolean passed, String detail) {
		this(code, name, passed, detail, Text.literal(detail));
	}

	/** A check whose detail is a text in the reader's language. */
	public static AccountCheck of(String code, String name, boolean passed, Text detail) {
		return new AccountCheck(code, name, passed, detail.english(), detail);
	}

}
