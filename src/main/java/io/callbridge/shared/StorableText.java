package io.callbridge.shared;

import java.io.Serial;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The one rule for characters that text may not hold anywhere in Callbridge: U+0000
 * (NUL), which PostgreSQL refuses to store in any text column (an H2 database would keep
 * it, so the two would disagree), and half of a UTF-16 surrogate pair, which is no
 * character at all (JSON can write one as an escape of U+D800 to U+DFFF; stored as UTF-8
 * it would silently become {@code ?}). Input is checked against it where it enters —
 * request parameters, JSON request bodies, CSV files — and refused naming where.
 */
public final class StorableText {

	private StorableText() {
	}

	/**
	 * Where the first character that text may not hold is.
	 * @param text the text
	 * @return its index, or {@code -1} when every character may be stored
	 */
	public static int firstUnstorable(CharSequence text) {
		int length = text.length();
		for (int i = 0; i < length; i++) {
			char c = text.charAt(i);
			if (c == '\0') {
				return i;
			}
			if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return i;
			}
		}
		return -1;
	}

	/**
	 * The code of the character at an index, as a message shows it.
	 * @param text the text
	 * @param index where the character is
	 * @return e.g. {@code 0000} or {@code D800}
	 */
	public static String code(CharSequence text, int index) {
		return String.format(Locale.ROOT, "%04X", (int) text.charAt(index));
	}

	/**
	 * Checks every text of a JSON document, names of fields included.
	 * @param json the document
	 * @throws Refused naming the first text, as a path such as {@code tags[1]} or
	 * {@code address.city} ({@code body} for the document itself, the object for a
	 * field's name)
	 */
	public static void check(JsonNode json) {
		check(json, "");
	}

	private static void check(JsonNode node, String path) {
		if (node.isString()) {
			refuseUnstorable(node.asString(), path);
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				check(node.get(i), path + "[" + i + "]");
			}
		}
		else if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				refuseUnstorable(field.getKey(), path);
				check(field.getValue(), path.isEmpty() ? field.getKey() : path + "." + field.getKey());
			}
		}
	}

	private static void refuseUnstorable(String text, String path) {
		int at = firstUnstorable(text);
		if (at >= 0) {
			throw new Refused(path.isEmpty() ? "body" : path, code(text, at));
		}
	}

	/**
	 * A request's text holds a character that text may not hold: thrown where input is
	 * read, answered 400 in the shape of the API that was called.
	 */
	public static final class Refused extends RuntimeException {

		@Serial
		private static final long serialVersionUID = 1L;

		private final String field;

		private final String code;

		/**
		 * @param field where: a JSON path such as {@code tags[1]}, or {@code body}; cut
		 * to 100 characters for the messages that quote it
		 * @param code the character's code, e.g. {@code 0000}
		 */
		public Refused(String field, String code) {
			super("The request's text holds the character U+" + code, null, false, false);
			this.field = (field.length() > 100) ? field.substring(0, 100) + "…" : field;
			this.code = code;
		}

		public String field() {
			return this.field;
		}

		public String code() {
			return this.code;
		}

		/** Whether the character is U+0000 rather than half of a surrogate pair. */
		public boolean nul() {
			return "0000".equals(this.code);
		}

	}

}
