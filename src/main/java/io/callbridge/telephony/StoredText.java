package io.callbridge.telephony;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@link Text} kept in a database column (a poll's or a history run's last error) as
 * its message key and arguments, so it is shown later in the language of whoever reads
 * it. Values written before texts were stored this way are plain English and are read
 * back as they are.
 */
public final class StoredText {

	private static final String KEY = "key";

	private static final String ARGS = "args";

	private static final String LITERAL = "literal";

	private StoredText() {
	}

	/**
	 * The column value of a text: its key and arguments as JSON.
	 * @param text the text
	 * @param maxLength the column's width; a text that does not fit is stored as its
	 * English wording, cut to the width
	 * @return the value to store
	 */
	public static String store(Text text, int maxLength) {
		String stored = JsonMapper.shared().writeValueAsString(tree(text));
		if (stored.length() <= maxLength) {
			return stored;
		}
		String cut = text.english();
		String literal = JsonMapper.shared().writeValueAsString(Map.of(LITERAL, cut));
		// Escaped characters take more room than they are long: cut by the excess until
		// the words fit.
		while (literal.length() > maxLength && !cut.isEmpty()) {
			cut = cut.substring(0,
					Math.max(0, Math.min(cut.length() - 1, cut.length() - (literal.length() - maxLength))));
			literal = JsonMapper.shared().writeValueAsString(Map.of(LITERAL, cut));
		}
		return literal;
	}

	/**
	 * The text of a column value.
	 * @param stored the value, or {@code null}
	 * @return the text; an old plain value as a literal; {@code null} for {@code null}
	 */
	public static @Nullable Text read(@Nullable String stored) {
		if (stored == null) {
			return null;
		}
		if (!stored.startsWith("{\"")) {
			return Text.literal(stored);
		}
		try {
			return text(JsonMapper.shared().readTree(stored));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			return Text.literal(stored);
		}
	}

	private static Map<String, Object> tree(Text text) {
		Map<String, Object> node = new LinkedHashMap<>();
		if (text.key() == null) {
			node.put(LITERAL, String.valueOf(text.getDefaultMessage()));
			return node;
		}
		List<Object> args = new ArrayList<>();
		for (Object arg : text.getArguments()) {
			args.add((arg instanceof Text nested) ? tree(nested) : (arg instanceof Number) ? arg : String.valueOf(arg));
		}
		node.put(KEY, text.key());
		node.put(ARGS, args);
		return node;
	}

	private static Text text(JsonNode node) {
		if (node.has(LITERAL)) {
			return Text.literal(node.get(LITERAL).asString());
		}
		if (!node.has(KEY) || !node.get(KEY).isString()) {
			throw new IllegalArgumentException("not a stored text");
		}
		List<Object> args = new ArrayList<>();
		JsonNode stored = node.get(ARGS);
		if (stored != null) {
			for (JsonNode arg : stored) {
				args.add(arg.isObject() ? text(arg) : arg.isIntegralNumber() ? (Object) arg.asLong()
						: arg.isNumber() ? (Object) arg.decimalValue() : arg.asString());
			}
		}
		return Text.of(node.get(KEY).asString(), args.toArray());
	}

}
