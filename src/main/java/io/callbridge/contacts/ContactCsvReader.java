package io.callbridge.contacts;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

import io.callbridge.shared.CsvCells;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;

/**
 * Reads a contacts CSV file row by row from disk, so a file of a million rows is never in
 * memory at once. As strict as {@link ContactCsvFile}: bytes that are not text in the
 * file's encoding are refused naming the line and byte, a byte order mark is skipped, the
 * separator ({@code ,} or {@code ;}) is taken from the header line, and every header
 * column must have a name, once, and {@code name} must be one of them.
 */
final class ContactCsvReader {

	// Long enough for any header line a person writes; the separator is taken from it.
	private static final int HEADER_PEEK = 64 * 1024;

	private final Path path;

	private final Charset charset;

	private long bytesRead;

	ContactCsvReader(Path path, Charset charset) {
		this.path = path;
		this.charset = charset;
	}

	/**
	 * One data row.
	 *
	 * @param line the 1-based line the row starts on (the header is line 1)
	 * @param record the cells
	 * @param columns the header's column names, lower case, in file order
	 */
	record Row(long line, CSVRecord record, List<String> columns) {

		/**
		 * A cell by column name.
		 * @param column the column, lower case
		 * @return the value; {@code null} when the column is absent or the cell blank
		 */
		@Nullable String value(String column) {
			int index = this.columns.indexOf(column);
			if (index < 0 || index >= this.record.size()) {
				return null;
			}
			String value = CsvCells.restored(this.record.get(index).strip());
			return value.isBlank() ? null : value;
		}

		/** Whether the header has this column. */
		boolean has(String column) {
			return this.columns.contains(column);
		}

	}

	/**
	 * Reads the file from its start, handing each data row on in file order.
	 * @param rows what is done with each row
	 * @return the number of data rows
	 */
	long forEach(Consumer<Row> rows) {
		long line = 1;
		this.bytesRead = 0;
		try (InputStream in = counted(Files.newInputStream(this.path));
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, decoder()), HEADER_PEEK)) {
			skipByteOrderMark(reader);
			CSVFormat format = CSVFormat.DEFAULT.builder()
				.setDelimiter(separator(reader))
				.setHeader()
				.setSkipHeaderRecord(true)
				.setIgnoreEmptyLines(true)
				.setAllowMissingColumnNames(true)
				.setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
				.get();
			try (CSVParser parser = format.parse(reader)) {
				checkStorable(1, parser.getHeaderNames());
				List<String> columns = columns(parser.getHeaderNames());
				long count = 0;
				line = parser.getCurrentLineNumber() + 1;
				Iterator<CSVRecord> records = parser.iterator();
				while (records.hasNext()) {
					CSVRecord record = records.next();
					checkStorable(line, record);
					rows.accept(new Row(line, record, columns));
					count++;
					line = parser.getCurrentLineNumber() + 1;
				}
				return count;
			}
		}
		catch (CharacterCodingException ex) {
			throw badEncoding();
		}
		catch (UncheckedIOException ex) {
			if (ex.getCause() instanceof CharacterCodingException) {
				throw badEncoding();
			}
			throw new Problems.BadRequest("file", Text.of("csv.unreadable", String.valueOf(line)));
		}
		catch (IOException | IllegalStateException | IllegalArgumentException ex) {
			throw new Problems.BadRequest("file", Text.of("csv.unreadable", String.valueOf(line)));
		}
	}

	static void checkStorable(long line, Iterable<String> cells) {
		String code = CsvCells.unstorable(cells);
		if (code != null) {
			throw new Problems.BadRequest("file", Text.of("csv.unstorable", String.valueOf(line), code));
		}
	}

	/** Bytes of the file read so far (ahead of the rows handed on by a buffer or two). */
	long bytesRead() {
		return this.bytesRead;
	}

	private InputStream counted(InputStream in) {
		return new FilterInputStream(in) {

			@Override
			public int read() throws IOException {
				int b = super.read();
				ContactCsvReader.this.bytesRead += (b >= 0) ? 1 : 0;
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = super.read(buffer, offset, length);
				ContactCsvReader.this.bytesRead += Math.max(n, 0);
				return n;
			}

		};
	}

	private CharsetDecoder decoder() {
		return this.charset.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
	}

	private static void skipByteOrderMark(BufferedReader reader) throws IOException {
		reader.mark(1);
		int first = reader.read();
		if (first != CsvCells.BYTE_ORDER_MARK) {
			reader.reset();
		}
	}

	// Spreadsheets in languages with a decimal comma (Spanish among them) save CSV with
	// ';'; the header line tells which one this file uses.
	private static char separator(BufferedReader reader) throws IOException {
		reader.mark(HEADER_PEEK);
		int semicolons = 0;
		int commas = 0;
		for (int i = 0, c = reader.read(); i < HEADER_PEEK - 1 && c >= 0 && c != '\n'; i++, c = reader.read()) {
			semicolons += (c == ';') ? 1 : 0;
			commas += (c == ',') ? 1 : 0;
		}
		reader.reset();
		return (semicolons > commas) ? ';' : ',';
	}

	// The decoder of the reader reports a bad byte without its place: the file is read
	// again, as bytes, to name the line and the byte, as the upload of a small file does.
	private Problems.BadRequest badEncoding() {
		CharsetDecoder decoder = decoder();
		ByteBuffer in = ByteBuffer.allocate(64 * 1024);
		CharBuffer out = CharBuffer.allocate(64 * 1024 * 2);
		long consumed = 0;
		long line = 1;
		try (InputStream stream = Files.newInputStream(this.path)) {
			byte[] chunk = new byte[32 * 1024];
			for (int read = stream.read(chunk); read >= 0; read = stream.read(chunk)) {
				in.put(chunk, 0, read);
				in.flip();
				int start = in.position();
				CoderResult result = decoder.decode(in, out, false);
				line += newlines(in, start, in.position());
				consumed += in.position() - start;
				out.clear();
				if (result.isError()) {
					int bad = in.get(in.position()) & 0xFF;
					return new Problems.BadRequest("file", Text.of("csv.badEncoding", this.charset.name(),
							String.format("%02X", bad), String.valueOf(line), String.valueOf(consumed + 1)));
				}
				in.compact();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// A sequence cut short by the end of the file.
		in.flip();
		int bad = in.hasRemaining() ? in.get(in.position()) & 0xFF : 0;
		return new Problems.BadRequest("file", Text.of("csv.badEncoding", this.charset.name(),
				String.format("%02X", bad), String.valueOf(line), String.valueOf(consumed + 1)));
	}

	private static long newlines(ByteBuffer buffer, int from, int to) {
		long count = 0;
		for (int i = from; i < to; i++) {
			count += (buffer.get(i) == '\n') ? 1 : 0;
		}
		return count;
	}

	private static List<String> columns(List<String> header) {
		List<String> columns = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < header.size(); i++) {
			String name = (header.get(i) != null) ? header.get(i).strip().toLowerCase(Locale.ROOT) : "";
			if (name.isEmpty()) {
				throw new Problems.BadRequest("file",
						Text.of("csv.emptyHeader", String.valueOf(i + 1), String.join(", ", ContactCsv.COLUMNS)));
			}
			if (!seen.add(name)) {
				throw new Problems.BadRequest("file", Text.of("csv.duplicateHeader", name));
			}
			columns.add(name);
		}
		if (!columns.contains("name")) {
			throw new Problems.InvalidInput("file", Text.of("csv.needsName", String.join(", ", ContactCsv.COLUMNS)));
		}
		return columns;
	}

}
