package io.callbridge.zadarma.outbound;

import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Lenient reading of Zadarma's JSON values, which arrive as strings or numbers
 * ({@code "from":442037691880} or {@code "442037691880"}) and as booleans or strings
 * ({@code true}, {@code "true"}, {@code "1"}).
 */
final class ZadarmaJson {

	private ZadarmaJson() {
	}

	/** The value as text (numbers in full, never in exponent form), or null if absent. */
	static @Nullable String text(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.decimalValue().toPlainString();
		}
		if (node.isBoolean()) {
			return Boolean.toString(node.asBoolean());
		}
		return node.isValueNode() ? node.asString() : null;
	}

	/**
	 * Whether the value means "on": {@code true}, {@code "true"}, {@code 1}, {@code "1"}.
	 */
	static boolean flag(JsonNode node) {
		String value = text(node);
		return value != null && switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true", "1", "yes", "on" -> true;
			default -> false;
		};
	}

}
