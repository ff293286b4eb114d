package io.callbridge.contacts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports and exports contacts as CSV. An import is all or nothing: when any row is
 * invalid nothing is imported and every row's errors are reported. It either creates
 * every row, or updates the contacts whose external id a row names and creates the rest.
 */
@Service
public class ContactCsv {

	static final List<String> COLUMNS = List.of("name", "company", "email", "phones", "tags", "notes", "responsible",
			"external_id");

	private static final int MAX_ROWS = 100_000;

	private final ContactService service;

	private final Contacts contacts;

	private final Agents agents;

	ContactCsv(ContactService service, Contacts contacts, Agents agents) {
		this.service = service;
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
	 * Imports a file, all rows or none.
	 * @param tenantId the tenant
	 * @param data the file's bytes
	 * @param charset the encoding it was saved in
	 * @param mode create only, or update by external id
	 * @return the report
	 */
	@Transactional
	public ImportReport importCsv(long tenantId, byte[] data, Charset charset, ImportMode mode) {
		ContactCsvFile file = ContactCsvFile.read(data, charset, MAX_ROWS);
		Map<String, Long> usernames = this.agents.list(tenantId)
			.stream()
			.collect(Collectors.toMap(Agent::username, Agent::id));
		List<Planned> plan = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		Map<String, Long> externalIdLines = new HashMap<>();
		for (ContactCsvFile.Row row : file.rows()) {
			List<Text> messages = new ArrayList<>();
			Planned planned = plan(tenantId, file, row, mode, usernames, messages);
			duplicateExternalId(planned.command(), row.line(), externalIdLines).ifPresent(messages::add);
			try {
				this.service.validate(tenantId, planned.command(), planned.existingId());
			}
			catch (Problems.InvalidInput invalid) {
				invalid.errors().forEach((error) -> messages.add(error.text()));
			}
			if (messages.isEmpty()) {
				plan.add(planned);
			}
			else {
				errors.add(new RowError(row.line(), messages));
			}
		}
		if (!errors.isEmpty()) {
			return new ImportReport(file.rows().size(), 0, 0, 0, errors);
		}
		int updated = 0;
		for (Planned planned : plan) {
			if (planned.existingId() != null) {
				this.service.update(tenantId, planned.existingId(), planned.command());
				updated++;
			}
			else {
				this.service.create(tenantId, planned.command());
			}
		}
		return new ImportReport(plan.size(), plan.size(), plan.size() - updated, updated, List.of());
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

	/**
	 * A row ready to write.
	 *
	 * @param command the contact's values
	 * @param existingId the contact it updates; {@code null} to create one
	 */
	private record Planned(ContactCommand command, @Nullable Long existingId) {
	}

	private Planned plan(long tenantId, ContactCsvFile file, ContactCsvFile.Row row, ImportMode mode,
			Map<String, Long> usernames, List<Text> messages) {
		String externalId = file.value(row, "external_id");
		Long holder = (externalId != null) ? this.contacts.idByExternalId(tenantId, externalId).orElse(null) : null;
		if (holder == null) {
			return new Planned(toCommand(file, row, null, usernames, messages), null);
		}
		if (mode == ImportMode.CREATE) {
			messages.add(Text.of("csv.externalIdExists", externalId, String.valueOf(holder)));
			// The row is refused above; validating it against its own holder avoids
			// repeating the same complaint.
			return new Planned(toCommand(file, row, null, usernames, messages), holder);
		}
		return new Planned(toCommand(file, row, this.contacts.get(tenantId, holder), usernames, messages), holder);
	}

	// Columns the file has set the value (a blank cell clears it); an updated contact
	// keeps the values of the columns the file does not have.
	private static ContactCommand toCommand(ContactCsvFile file, ContactCsvFile.Row row, @Nullable Contact existing,
			Map<String, Long> usernames, List<Text> messages) {
		Long responsible = (existing != null) ? existing.responsibleId() : null;
		if (file.has("responsible")) {
			String username = file.value(row, "responsible");
			responsible = (username != null) ? usernames.get(username) : null;
			if (username != null && responsible == null) {
				messages.add(Text.of("csv.unknownResponsible", username));
			}
		}
		return new ContactCommand(
				Optional.ofNullable(text(file, row, "name", (existing != null) ? existing.name() : null)).orElse(""),
				text(file, row, "company", (existing != null) ? existing.company() : null),
				text(file, row, "email", (existing != null) ? existing.email() : null),
				text(file, row, "notes", (existing != null) ? existing.notes() : null), responsible,
				text(file, row, "external_id", (existing != null) ? existing.externalId() : null),
				list(file, row, "phones", (existing != null) ? existing.phones() : List.of()),
				list(file, row, "tags", (existing != null) ? existing.tags() : List.of()));
	}

	private static @Nullable String text(ContactCsvFile file, ContactCsvFile.Row row, String column,
			@Nullable String kept) {
		return file.has(column) ? file.value(row, column) : kept;
	}

	private static List<String> list(ContactCsvFile file, ContactCsvFile.Row row, String column, List<String> kept) {
		if (!file.has(column)) {
			return kept;
		}
		String value = file.value(row, column);
		return (value == null) ? List.of() : Arrays.stream(value.split("[;|]")).map(String::strip).toList();
	}

	private static Optional<Text> duplicateExternalId(ContactCommand command, long line, Map<String, Long> seen) {
		if (command.externalId() == null || command.externalId().isBlank()) {
			return Optional.empty();
		}
		Long first = seen.putIfAbsent(command.externalId().strip(), line);
		return (first == null) ? Optional.empty()
				: Optional.of(Text.of("csv.duplicateExternalId", command.externalId(), String.valueOf(first)));
	}

}
