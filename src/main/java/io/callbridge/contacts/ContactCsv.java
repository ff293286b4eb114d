package io.callbridge.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Exports contacts as CSV, and the vocabulary of imports (mode, encoding, report); the
 * import itself runs as a job ({@link ContactImportJobs}). An import is all or nothing:
 * when any row is invalid nothing is imported and every row's errors are reported. It
 * either creates every row, or updates the contacts whose external id a row names and
 * creates the rest.
 */
@Service
public class ContactCsv {

	static final List<String> COLUMNS = List.of("name", "company", "email", "phones", "tags", "notes", "responsible",
			"external_id");

	private final Contacts contacts;

	private final Agents agents;

	ContactCsv(Contacts contacts, Agents agents) {
		this.contacts = contacts;
		this.agents = agents;
	}

	/**
	 * What an import does with a row whose external id belongs to an existing contact.
	 */
	public enum ImportMode {

		/** Every row is a new contact; an external id already in use is an error. */
		CREATE,

		/**
		 * A row whose external id belongs to a contact updates that contact (the columns
		 * in the file replace its values, the others are kept); other rows are created.
		 */
		UPSERT;

		/**
		 * The mode named in a request.
		 * @param value {@code create} or {@code upsert}; blank for create
		 * @return the mode
		 */
		public static ImportMode of(@Nullable String value) {
			if (value == null || value.isBlank()) {
				return CREATE;
			}
			return switch (value.strip().toLowerCase(Locale.ROOT)) {
				case "create" -> CREATE;
				case "upsert", "update" -> UPSERT;
				default -> throw new Problems.InvalidInput("mode", Text.of("csv.unknownMode", value));
			};
		}

	}

	/**
	 * The outcome of an import.
	 *
	 * @param rows data rows read
	 * @param imported contacts created or updated (0 when any row has errors)
	 * @param created contacts created
	 * @param updated existing contacts updated by their external id
	 * @param errors the errors per row; empty on success
	 */
	public record ImportReport(int rows, int imported, int created, int updated, List<RowError> errors) {
	}

	/**
	 * The errors of one CSV row.
	 *
	 * @param line the line number in the file (the header is line 1)
	 * @param messages what is wrong
	 */
	public record RowError(long line, List<Text> messages) {
	}

	/**
	 * Reads a charset name of a request.
	 * @param name the name, e.g. {@code UTF-8} or {@code windows-1252}; blank for UTF-8
	 * @return the charset
	 */
	public static Charset charset(@Nullable String name) {
		if (name == null || name.isBlank()) {
			return java.nio.charset.StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(name.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new Problems.InvalidInput("charset", Text.of("csv.unknownCharset", name));
		}
	}

	/**
	 * Writes every contact of the tenant in the import format, for a spreadsheet (see
	 * {@link CsvCells}).
	 * @param tenantId the tenant
	 * @param separator the field separator
	 * @param writer where to write
	 */
	public void exportCsv(long tenantId, char separator, Writer writer) {
		Map<Long, String> usernames = this.agents.list(tenantId)
			.stream()
			.collect(Collectors.toMap(Agent::id, Agent::username));
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(separator)
			.setHeader(COLUMNS.toArray(String[]::new))
			.get();
		try {
			writer.write(CsvCells.BYTE_ORDER_MARK);
			try (CSVPrinter printer = new CSVPrinter(writer, format)) {
				for (Contact contact : this.contacts.all(tenantId)) {
					printer.printRecord(
							Arrays
								.asList(contact.name(), contact.company(), contact.email(),
										String.join(";", contact.phones()), String.join(";", contact.tags()),
										contact.notes(),
										(contact.responsibleId() != null) ? usernames.get(contact.responsibleId())
												: null,
										contact.externalId())
								.stream()
								.map(CsvCells::neutralised)
								.toList());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
