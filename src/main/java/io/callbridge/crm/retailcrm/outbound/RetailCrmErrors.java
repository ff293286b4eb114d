package io.callbridge.crm.retailcrm.outbound;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * retailCRM's {@code errorMsg} values made clear: each message its official clients know
 * (and those seen in their tests) has its own explanation in English and Spanish
 * ({@code retailcrmError.<name>}) saying what to do, and the connection field it points
 * at; anything else is explained as unknown, with retailCRM's words always shown beside.
 */
final class RetailCrmErrors {

	/** The explanations' message keys: {@code retailcrmError.<name>}. */
	static final String KEYS = "retailcrmError.";

	private static final Pattern PARAMETER_MISSING = Pattern.compile("^parameter '([^']*)' is missing$",
			Pattern.CASE_INSENSITIVE);

	private RetailCrmErrors() {
	}

	/**
	 * What an {@code errorMsg} means.
	 * @param message retailCRM's message, or {@code null} when it gave none
	 * @param status the answer's HTTP status
	 * @return its explanation
	 */
	static Explained explain(@Nullable String message, int status) {
		String said = (message != null) ? message.strip().replaceAll("\\.$", "") : "";
		Matcher parameter = PARAMETER_MISSING.matcher(said);
		if (parameter.matches()) {
			return new Explained(Text.of(KEYS + "parameterMissing", parameter.group(1)), null);
		}
		String name = said.toLowerCase(Locale.ROOT);
		return switch (name) {
			case "\"apikey\" is missing" -> explained("missingKey", RetailCrmAccess.API_KEY);
			case "wrong \"apikey\" value" -> explained("wrongKey", RetailCrmAccess.API_KEY);
			case "access denied" -> explained("accessDenied", RetailCrmAccess.API_KEY);
			case "account does not exist" -> explained("accountMissing", RetailCrmAccess.BASE_URL);
			case "errors in the entity format", "validation error", "errors in the input parameters" ->
				explained("validation", null);
			case "not found" -> explained("notFound", null);
			case "api method not found" -> explained("methodNotFound", RetailCrmAccess.BASE_URL);
			default -> byPrefixOrStatus(name, status);
		};
	}

	private static Explained byPrefixOrStatus(String name, int status) {
		if (name.startsWith("telephony not enabled")) {
			return explained("telephonyOff", null);
		}
		// Without a message it knows, the status still says who is at fault.
		return switch (status) {
			case 401 -> explained("wrongKey", RetailCrmAccess.API_KEY);
			case 403 -> explained("accessDenied", RetailCrmAccess.API_KEY);
			default -> explained("other", null);
		};
	}

	private static Explained explained(String name, @Nullable String field) {
		return new Explained(Text.of(KEYS + name), field);
	}

	/**
	 * An error's explanation.
	 *
	 * @param text what it means and what to do
	 * @param field the connection field it points at, if one
	 */
	record Explained(Text text, @Nullable String field) {
	}

}
