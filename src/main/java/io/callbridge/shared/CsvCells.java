package io.callbridge.shared;

import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The rules every CSV file Callbridge writes for spreadsheets follows: UTF-8 with a byte
 * order mark (so Excel reads accents), the list separator of the reader's language
 * ({@code ;} in Spanish, where Excel expects it; {@code ,} otherwise) unless one is asked
 * for, and no cell a spreadsheet would run as a formula.
 */
public final class CsvCells {

	/** The byte order mark written first, and skipped when a file is read. */
	public static final char BYTE_ORDER_MARK = '\uFEFF';

	// Spreadsheets treat a cell starting with one of these as a formula.
	private static final String FORMULA_STARTS = "=+-@\t\r";

	// Numbers and phone numbers ("+34 612 345 678", "-12.50", "+34…;+34…") cannot hold a
	// formula call: they stay readable as they are.
	private static final Pattern PLAIN_NUMBERS = Pattern.compile("[+-]?[0-9][0-9 .,;()+-]*");

	private CsvCells() {
	}

	/**
	 * A cell value safe to open in a spreadsheet: text starting with {@code = + - @}, a
	 * tab or a carriage return gets a leading apostrophe, which spreadsheets show as text
	 * instead of running it; numbers and phone numbers are left as they are.
	 * @param value the value
	 * @return the cell, or {@code null} for an empty cell
	 */
	public static @Nullable String neutralised(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		String text = value.toString();
		if (text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0 || PLAIN_NUMBERS.matcher(text).matches()) {
			return text;
		}
		return "'" + text;
	}

	/**
	 * Where a file's line holds a character that text may not hold
	 * ({@link StorableText}): a file saved as UTF-16 without its byte order mark reads as
	 * text with a NUL after every letter.
	 * @param cells the line's cells
	 * @return the character's code ({@code 0000}), or {@code null} when every cell may be
	 * stored
	 */
	public static @Nullable String unstorable(Iterable<String> cells) {
		for (String cell : cells) {
			int at = (cell != null) ? StorableText.firstUnstorable(cell) : -1;
			if (at >= 0) {
				return StorableText.code(cell, at);
			}
		}
		return null;
	}

	/**
	 * The value of a cell read back from a file this application wrote: the apostrophe
	 * that {@link #neutralised} added is removed.
	 * @param cell the cell as read
	 * @return the value
	 */
	public static String restored(String cell) {
		return (cell.length() > 1 && cell.charAt(0) == '\'' && FORMULA_STARTS.indexOf(cell.charAt(1)) >= 0)
				? cell.substring(1) : cell;
	}

	/**
	 * The field separator of an export.
	 * @param requested {@code comma}, {@code semicolon}, {@code ,} or {@code ;}; blank
	 * for the reader's language
	 * @param locale the reader's language
	 * @return the separator
	 */
	public static char separator(@Nullable String requested, Locale locale) {
		if (requested == null || requested.isBlank()) {
			return "es".equals(locale.getLanguage()) ? ';' : ',';
		}
		return switch (requested.strip().toLowerCase(Locale.ROOT)) {
			case "comma", "," -> ',';
			case "semicolon", ";" -> ';';
			default -> throw new Problems.InvalidInput("separator", Text.of("csv.separator", requested));
		};
	}

}
