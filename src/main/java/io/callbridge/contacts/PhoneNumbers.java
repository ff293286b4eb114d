package io.callbridge.contacts;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * Reads phone numbers in any common format ({@code +}, {@code 00}, national, with spaces,
 * dashes, dots or brackets) into E.164, using the tenant's default region for numbers
 * without a country code.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

	// Compiled once: a bulk import reads a million numbers.
	private static final Pattern SPACES = Pattern.compile("\\p{Z}");

	private static final Pattern ALLOWED = Pattern.compile("[(]?[+]?[0-9 ().\\-/]+");

	private static final Pattern SEPARATORS = Pattern.compile("[\\s().\\-/]");

	private static final Set<String> WITHHELD = Set.of("", "anonymous", "private", "unknown", "withheld", "restricted",
			"unavailable", "0", "privado", "anonimo", "anónimo", "desconocido", "oculto");

	/**
	 * Numbers already read: a call's number is read again for each of its events, for its
	 * contact, its campaign line and its call-start decision, and libphonenumber takes
	 * tens of microseconds per number. A pure function of its input, so never stale.
	 */
	private static final Cache<Key, PhoneNumber> PARSED = Caffeine.newBuilder().maximumSize(20_000).build();

	private PhoneNumbers() {
	}

	private record Key(String input, String region) {
	}

	/**
	 * Reads a number.
	 * @param input the number as typed or received
	 * @param defaultRegion ISO 3166 region for numbers without country code
	 * @return the E.164 number, a refusal with its reason, or "withheld"
	 */
	public static PhoneNumber parse(@Nullable String input, String defaultRegion) {
		// Any text is read, but only text of a number's length is kept (a number is at
		// most 40 characters), so odd input cannot fill the cache with large keys.
		if (input == null || input.length() > 64) {
			return read(input, defaultRegion);
		}
		return PARSED.get(new Key(input, defaultRegion), (key) -> read(key.input(), key.region()));
	}

	private static PhoneNumber read(@Nullable String input, String defaultRegion) {
		// Numbers pasted from web pages or spreadsheets often carry no-break or other
		// Unicode spaces.
		String trimmed = (input != null) ? SPACES.matcher(input).replaceAll(" ").strip() : "";
		if (WITHHELD.contains(trimmed.toLowerCase(Locale.ROOT))) {
			return new PhoneNumber.Withheld();
		}
		if (trimmed.length() > 40) {
			return new PhoneNumber.Invalid(trimmed, Text.of("phone.tooLong", abbreviate(trimmed)));
		}
		String candidate = internationalPrefixToPlus(trimmed);
		// A country code may be written in brackets, e.g. "(+34) 612 345 678".
		if (!ALLOWED.matcher(candidate).matches()) {
			return new PhoneNumber.Invalid(trimmed, Text.of("phone.badCharacters", trimmed));
		}
		try {
			Phonenumber.PhoneNumber parsed = UTIL.parse(candidate, defaultRegion.toUpperCase(Locale.ROOT));
			if (!UTIL.isValidNumber(parsed)) {
				return new PhoneNumber.Invalid(trimmed, candidate.startsWith("+") ? Text.of("phone.invalid", trimmed)
						: Text.of("phone.invalidInRegion", trimmed, defaultRegion));
			}
			return new PhoneNumber.Valid(UTIL.format(parsed, PhoneNumberFormat.E164));
		}
		catch (NumberParseException ex) {
			return new PhoneNumber.Invalid(trimmed, Text.of("phone.invalid", trimmed));
		}
	}

	/**
	 * Reads a number that must be valid; returns its E.164 form or the refusal message.
	 */
	public static String requireValid(@Nullable String input, String defaultRegion, String field) {
		return switch (parse(input, defaultRegion)) {
			case PhoneNumber.Valid valid -> valid.e164();
			case PhoneNumber.Invalid invalid ->
				throw new io.callbridge.shared.Problems.InvalidInput(field, invalid.reason());
			case PhoneNumber.Withheld withheld ->
				throw new io.callbridge.shared.Problems.InvalidInput(field, Text.of("phone.required"));
		};
	}

	/**
	 * Shows an E.164 number in international format for people, e.g.
	 * {@code +34 912 34 56 78}.
	 */
	public static String display(@Nullable String e164) {
		if (e164 == null) {
			return "";
		}
		try {
			return UTIL.format(UTIL.parse(e164, "ZZ"), PhoneNumberFormat.INTERNATIONAL);
		}
		catch (NumberParseException ex) {
			return e164;
		}
	}

	// "00" is the international prefix in most of Europe and Latin America; a leading "+"
	// makes it explicit
	// so such numbers read the same whatever the tenant's region (where "00" might not be
	// the prefix).
	private static String internationalPrefixToPlus(String input) {
		String compact = SEPARATORS.matcher(input).replaceAll("");
		if (compact.startsWith("00") && compact.length() > 4) {
			return "+" + compact.substring(2);
		}
		return input;
	}

	private static String abbreviate(String text) {
		return text.substring(0, 20) + "…";
	}

}
