package io.callbridge.uis.outbound;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.callbridge.shared.Text;
import io.callbridge.uis.outbound.UisApiException.Kind;
import org.jspecify.annotations.Nullable;

/**
 * UIS's JSON-RPC errors ({@code error{code, message, data{mnemonic}}}) made clear: each
 * documented mnemonic (the common ones and those of {@code start.employee_call} and the
 * Data API) has its own explanation in English and Spanish ({@code uisError.<mnemonic>}),
 * an unknown one is explained by its code's group ({@code uisErrorCode.<code>}), and
 * UIS's own message is always shown beside it.
 */
final class UisErrors {

	/** Every mnemonic with its own explanation. */
	static final Set<String> EXPLAINED = Set.of("tts_text_exceeded", "media_file_not_found",
			"virtual_phone_number_not_found", "employee_not_found", "no_active_phone_number",
			"own_virtual_phone_number_not_allowed", "contact_in_blacklist", "character_encoding_not_allowed",
			"invalid_parameters_combination", "invalid_request", "access_token_expired", "access_token_blocked",
			"access_token_invalid", "auth_error", "limit_exceeded", "component_disabled", "method_component_disabled",
			"parameter_component_disabled", "ip_not_whitelisted", "account_inactive", "call_session_not_found",
			"internal_error", "data_type_error", "method_not_found", "forbidden", "parse_error",
			"batch_operations_not_supported", "notifications_not_supported", "required_parameter_missed",
			"invalid_parameter_value", "unexpected_parameters", "sort_prohibited", "filter_prohibited",
			"date_interval_limit_reached", "entity_not_found", "duplicate_entity", "invalid_date_time",
			"data_limit_exceeded", "tariff_restrictions", "already_in_use");

	/** The code groups UIS documents, each with its own explanation. */
	static final Set<Integer> CODES = Set.of(-32700, -32600, -32601, -32602, -32603, -32001, -32002, -32003, -32004,
			-32007, -32008, -32009, -32029, -32099);

	static final String MNEMONIC_KEYS = "uisError.";

	static final String CODE_KEYS = "uisErrorCode.";

	// Misspellings found in UIS's own documentation.
	private static final Map<String, String> SPELLINGS = Map.of("batch_opreations_not_supported",
			"batch_operations_not_supported");

	private static final Set<String> CREDENTIALS = Set.of("access_token_expired", "access_token_blocked",
			"access_token_invalid", "auth_error", "ip_not_whitelisted");

	private UisErrors() {
	}

	/**
	 * The failure UIS's error means.
	 * @param method the method that was called, e.g. {@code start.employee_call}
	 * @param code the error's code
	 * @param mnemonic its {@code data.mnemonic}, if any
	 * @param message UIS's message
	 * @return the exception to throw
	 */
	static UisApiException failure(String method, int code, @Nullable String mnemonic, String message) {
		String known = known(mnemonic);
		Text explanation = Text.of(explanationKey(code, known));
		String reference = (mnemonic != null && !mnemonic.isBlank()) ? code + " " + mnemonic : String.valueOf(code);
		Text text = Text.of("uis.refused", method, explanation, Text.literal(message), reference);
		return new UisApiException(kind(code, known), code, mnemonic, message, text);
	}

	/**
	 * The message key explaining an error: its mnemonic's ({@code uisError.<mnemonic>}),
	 * else its code group's ({@code uisErrorCode.<code>}), else {@code uisError.other}.
	 */
	static String explanationKey(int code, @Nullable String known) {
		if (known != null) {
			return MNEMONIC_KEYS + known;
		}
		return CODES.contains(code) ? CODE_KEYS + Math.abs(code) : MNEMONIC_KEYS + "other";
	}

	/** The documented mnemonic, with UIS's misspellings corrected, or null. */
	static @Nullable String known(@Nullable String mnemonic) {
		if (mnemonic == null) {
			return null;
		}
		String name = mnemonic.strip().toLowerCase(Locale.ROOT);
		name = SPELLINGS.getOrDefault(name, name);
		return EXPLAINED.contains(name) ? name : null;
	}

	static Kind kind(int code, @Nullable String mnemonic) {
		if (code == -32029 || "limit_exceeded".equals(mnemonic)) {
			return Kind.RATE_LIMITED;
		}
		if (code == -32001 || (mnemonic != null && CREDENTIALS.contains(mnemonic))) {
			return Kind.CREDENTIALS_REJECTED;
		}
		if (code == -32603 || "internal_error".equals(mnemonic)) {
			return Kind.UNREACHABLE;
		}
		return Kind.REFUSED;
	}

}
