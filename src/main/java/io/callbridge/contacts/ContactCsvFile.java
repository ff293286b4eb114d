package io.callbridge.contacts;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import io.callbridge.shared.CsvCells;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;

/**
 * A contact database's CSV file as uploaded, read into memory strictly (the contacts
 * import streams its file instead, see {@link ContactCsvReader}): bytes that are not text
 * in the file's encoding are refused naming the line and byte (never stored as mojibake),
 * a byte order mark is skipped, the separator ({@code ,} or {@code ;}) is taken from the
 * header line, and every header column must have a name, once.
 *
 * @param columns the header's column names, lower case, in file order
 * @param rows the data rows with the line each starts on
 */
record ContactCsvFile(List<String> columns, List<Row> rows) {

	/**
	 * One data row.
	 *
	 * @param line the 1-based line number in the file (the header is line 1)
	 * @param record the cells
	 */
	record Row(long line, CSVRecord record) {
	}

	/**
	 * A cell of a row by column name.
	 * @param row the row
	 * @param column the column, lower case
	 * @return the value; {@code null} when the column is absent or the cell blank
	 */
	@Nullable String value(Row row, String column) {
		int index = this.columns.indexOf(column);
		if (index < 0 || index >= row.record().size()) {
			return null;
		}
		String value = CsvCells.restored(row.record().get(index).strip());
		return value.isBlank() ? null : value;
	}

	/** Whether the header has this column. */
	boolean has(String column) {
		return this.columns.contains(column);
	}

	/**
	 * Reads an uploaded file whose header names any columns (a contact database's): names
	 * are kept as written (stripped), each must be there once, ignoring case.
	 * @param data the file's bytes
	 * @param charset the encoding it was saved in
	 * @param maxRows most data rows accepted
	 * @return the file
	 */
	static ContactCsvFile readAnyColumns(byte[] data, Charset charset, int maxRows) {
		return parse(data, charset, maxRows, ContactCsvFile::anyColumns);
	}

	private static ContactCsvFile parse(byte[] data, Charset charset, int maxRows,
			Function<List<String>, List<String>> header) {
		String text = decode(data, charset);
		if (!text.isEmpty() && text.charAt(0) == CsvCells.BYTE_ORDER_MARK) {
			text = text.substring(1);
		}
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(separator(text))
			.setHeader()
			.setSkipHeaderRecord(true)
			.setIgnoreEmptyLines(true)
			.setAllowMissingColumnNames(true)
			.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
			.get();
		long line = 1;
		try (CSVParser parser = format.parse(new StringReader(text))) {
			ContactCsvReader.checkStorable(1, parser.getHeaderNames());
			List<String> columns = header.apply(parser.getHeaderNames());
			List<Row> rows = new ArrayList<>();
			line = parser.getCurrentLineNumber() + 1;
			for (CSVRecord record : parser) {
				ContactCsvReader.checkStorable(line, record);
				rows.add(new Row(line, record));
				line = parser.getCurrentLineNumber() + 1;
				if (rows.size() > maxRows) {
					throw new Problems.InvalidInput("file", Text.of("csv.tooManyRows", String.valueOf(maxRows)));
				}
			}
			return new ContactCsvFile(columns, rows);
		}
		catch (IOException | UncheckedIOException | IllegalStateException | IllegalArgumentException ex) {
			throw new Problems.BadRequest("file", Text.of("csv.unreadable", String.valueOf(line)));
		}
	}

	// Strict decoding: the position of the first byte that is not text in the charset,
	// with its line, instead of a replacement character stored in a contact.
	private static String decode(byte[] data, Charset charset) {
		CharsetDecoder decoder = charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer in = ByteBuffer.wrap(data);
		CharBuffer out = CharBuffer.allocate((int) (data.length * (double) decoder.maxCharsPerByte()) + 16);
		CoderResult result = decoder.decode(in, out, true);
		if (result.isUnderflow()) {
			result = decoder.flush(out);
		}
		if (result.isError()) {
			int offset = in.position();
			throw new Problems.BadRequest("file",
					Text.of("csv.badEncoding", charset.name(), String.format("%02X", data[offset] & 0xFF),
							String.valueOf(lineOf(data, offset)), String.valueOf(offset + 1)));
		}
		return out.flip().toString();
	}

	private static long lineOf(byte[] data, int offset) {
		long line = 1;
		for (int i = 0; i < offset; i++) {
			if (data[i] == '\n') {
				line++;
			}
		}
		return line;
	}

	// Spreadsheets in languages with a decimal comma (Spanish among them) save CSV with
	// ';'; the header line tells which one this file uses.
	private static char separator(String text) {
		int end = text.indexOf('\n');
		String header = (end < 0) ? text : text.substring(0, end);
		return (count(header, ';') > count(header, ',')) ? ';' : ',';
	}

	private static long count(String text, char c) {
		return text.chars().filter((ch) -> ch == c).count();
	}

	private static List<String> anyColumns(List<String> header) {
		List<String> columns = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < header.size(); i++) {
			String name = (header.get(i) != null) ? header.get(i).strip() : "";
			if (name.isEmpty()) {
				throw new Problems.BadRequest("file", Text.of("contactDb.emptyHeader", String.valueOf(i + 1)));
			}
			if (!seen.add(name.toLowerCase(Locale.ROOT))) {
				throw new Problems.BadRequest("file", Text.of("csv.duplicateHeader", name));
			}
			columns.add(name);
		}
		return columns;
	}

}
