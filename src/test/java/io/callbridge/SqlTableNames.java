package io.callbridge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the tables a Java source file names in its SQL: the identifiers after
 * {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE}, {@code TABLE}, {@code USING},
 * {@code TRUNCATE} (and those listed after them with commas) in its string literals and
 * text blocks, plus a literal that starts with a table and {@code WHERE} (a
 * {@link io.callbridge.shared.PagedQuery}'s {@code FROM} part). Comments are skipped, so
 * prose like "missed calls from contacts" in Javadoc is not SQL.
 */
final class SqlTableNames {

	private static final Pattern KEYWORD = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE|TABLE|USING|TRUNCATE)\\s+",
			Pattern.CASE_INSENSITIVE);

	// A table, optionally schema-qualified, with an optional alias, then maybe a comma
	// and the next one.
	private static final Pattern TABLE = Pattern.compile(
			"(?:\\w+\\.)?(\\w+)(?:\\s+(?:AS\\s+)?(?!WHERE\\b|ON\\b|SET\\b|JOIN\\b|LEFT\\b|INNER\\b)\\w+)?(\\s*,\\s*)?",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern FROM_PART = Pattern.compile("^\\s*(\\w+)(?:\\s+\\w+)?\\s+WHERE\\b",
			Pattern.CASE_INSENSITIVE);

	private SqlTableNames() {
	}

	/**
	 * The known tables the source names in SQL.
	 * @param javaSource the text of a Java source file
	 * @param tables the tables that exist, lower case
	 * @return those of them the source names, lower case
	 */
	static Set<String> in(String javaSource, Set<String> tables) {
		List<String> literals = literals(javaSource);
		Set<String> named = new TreeSet<>();
		// Literals joined, so "SELECT … FROM " + "calls" still reads as one statement.
		String joined = String.join(" ", literals);
		Matcher keyword = KEYWORD.matcher(joined);
		while (keyword.find()) {
			collectList(joined, keyword.end(), named);
		}
		for (String literal : literals) {
			Matcher fromPart = FROM_PART.matcher(literal);
			if (fromPart.find()) {
				named.add(fromPart.group(1).toLowerCase(Locale.ROOT));
			}
		}
		named.retainAll(tables);
		return named;
	}

	// The table after a keyword, and those listed after it with commas.
	private static void collectList(String text, int from, Set<String> named) {
		Matcher table = TABLE.matcher(text);
		int at = from;
		while (at < text.length() && table.region(at, text.length()).lookingAt()) {
			named.add(table.group(1).toLowerCase(Locale.ROOT));
			if (table.group(2) == null) {
				return;
			}
			at = table.end();
		}
	}

	/**
	 * The contents of the string literals and text blocks of a Java source, in order,
	 * without comments and character literals.
	 */
	static List<String> literals(String source) {
		List<String> literals = new ArrayList<>();
		int i = 0;
		while (i < source.length()) {
			if (source.startsWith("//", i)) {
				i = endOf(source, "\n", i + 2);
			}
			else if (source.startsWith("/*", i)) {
				i = endOf(source, "*/", i + 2);
			}
			else if (source.startsWith("\"\"\"", i)) {
				int end = source.indexOf("\"\"\"", i + 3);
				end = (end < 0) ? source.length() : end;
				literals.add(source.substring(i + 3, end));
				i = end + 3;
			}
			else if (source.charAt(i) == '"' || source.charAt(i) == '\'') {
				int end = closingQuote(source, i);
				if (source.charAt(i) == '"') {
					literals.add(source.substring(i + 1, Math.min(end, source.length())));
				}
				i = end + 1;
			}
			else {
				i++;
			}
		}
		return literals;
	}

	private static int endOf(String source, String marker, int from) {
		int end = source.indexOf(marker, from);
		return (end < 0) ? source.length() : end + marker.length();
	}

	private static int closingQuote(String source, int open) {
		char quote = source.charAt(open);
		int i = open + 1;
		while (i < source.length() && source.charAt(i) != quote && source.charAt(i) != '\n') {
			i += (source.charAt(i) == '\\') ? 2 : 1;
		}
		return i;
	}

}
