package io.callbridge.omnileads;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Python's {@code json.dumps} of error maps, which OMniLeads puts in some messages: ", "
 * and ": " separators, every non-ASCII character escaped.
 */
final class PythonJson {

	private PythonJson() {
	}

	static String dumps(Object value) {
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map((entry) -> string(String.valueOf(entry.getKey())) + ": " + dumps(entry.getValue()))
				.collect(Collectors.joining(", ", "{", "}"));
		}
		if (value instanceof List<?> list) {
			return list.stream().map(PythonJson::dumps).collect(Collectors.joining(", ", "[", "]"));
		}
		if (value == null) {
			return "null";
		}
		return (value instanceof Number || value instanceof Boolean) ? String.valueOf(value)
				: string(String.valueOf(value));
	}

	private static String string(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append((c < 0x20 || c > 0x7e) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
			}
		}
		return out.append('"').toString();
	}

}
