package io.callbridge.contacts;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A contact database's CSV file: any columns, read as strictly as the contact import
 * reads its files ({@link ContactCsvFile}), with what the column picker shows before the
 * import.
 */
final class ContactDatabaseCsv {

	/** Most data rows in one file. */
	static final int MAX_ROWS = 100_000;

	private static final int SAMPLE_ROWS = 5;

	// Column names that usually hold phones (Spanish and English spreadsheets).
	private static final Pattern PHONE_LIKE = Pattern
		.compile("(?i).*(tel[eé]fono|telefono|phone|movil|móvil|celular|mobile|^tel$|^cel$).*");

	private static final Pattern NAME_LIKE = Pattern.compile("(?i).*(nombre|name).*");

	private ContactDatabaseCsv() {
	}

	/** Reads a file. */
	static ContactCsvFile read(byte[] data, Charset charset) {
		return ContactCsvFile.readAnyColumns(data, charset, MAX_ROWS);
	}

	/** The cells of each data row by column, with the line it starts on. */
	static Map<Long, Map<String, String>> rows(ContactCsvFile file) {
		Map<Long, Map<String, String>> rows = new LinkedHashMap<>();
		for (ContactCsvFile.Row row : file.rows()) {
			Map<String, String> values = new LinkedHashMap<>();
			for (String column : file.columns()) {
				String value = file.value(row, column);
				if (value != null) {
					values.put(column, value);
				}
			}
			rows.put(row.line(), values);
		}
		return rows;
	}

	/** What the column picker shows. */
	static ContactDatabases.CsvPreview preview(ContactCsvFile file) {
		List<List<String>> sample = new ArrayList<>();
		for (ContactCsvFile.Row row : file.rows().subList(0, Math.min(SAMPLE_ROWS, file.rows().size()))) {
			List<String> cells = new ArrayList<>();
			for (String column : file.columns()) {
				String value = file.value(row, column);
				cells.add((value != null) ? value : "");
			}
			sample.add(cells);
		}
		List<String> phones = file.columns().stream().filter(PHONE_LIKE.asPredicate()).toList();
		String name = file.columns()
			.stream()
			.filter((column) -> !phones.contains(column) && NAME_LIKE.matcher(column).matches())
			.findFirst()
			.orElse(null);
		return new ContactDatabases.CsvPreview(file.columns(), file.rows().size(), sample, phones, name);
	}

	/** Whether two column lists name the same columns, in any order. */
	static boolean sameColumns(List<String> a, List<String> b) {
		return Set.copyOf(a).equals(Set.copyOf(b));
	}

}
