package io.callbridge.uis.inbound;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Phone numbers as UIS writes them: E.164 digits without the {@code +}
 * ({@code 79260000000}), which read with a tenant's region would be taken for a national
 * number. A number of 8 to 15 digits gets its {@code +} back; anything else (a short
 * internal number, a SIP address, a withheld caller) is passed on as it came.
 */
final class UisNumbers {

	private static final Pattern E164_DIGITS = Pattern.compile("\\d{8,15}");

	private UisNumbers() {
	}

	static @Nullable String international(@Nullable String number) {
		return (number != null && E164_DIGITS.matcher(number).matches()) ? "+" + number : number;
	}

}
