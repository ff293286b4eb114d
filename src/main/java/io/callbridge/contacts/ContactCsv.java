package io.callbridge.contacts;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.Problems;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Imports and exports contacts as CSV. An import is all or nothing: when any row is
 * invalid nothing is imported and every row's errors are reported.
 */
@Service
public class ContactCsv {

	static final List<String> COLUMNS = List.of("name", "company", "email", "phones", "tags", "notes", "responsible",
			"external_id");

	private static final CSVFormat EXPORT = CSVFormat.DEFAULT.builder().setHeader(COLUMNS.toArray(String[]::new)).get();

	private static final CSVFormat IMPORT = CSVFormat.DEFAULT.builder()
		.setHeader()
		.setSkipHeaderRecord(true)
		.setIgnoreEmptyLines(true)
		.setTrim(true)
		.get();

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
	 * The outcome of an import.
	 *
	 * @param rows data rows read
	 * @param imported contacts created (0 when any row has errors)
	 * @param errors the errors per row; empty on success
	 */
	public record ImportReport(int rows, int imported, List<RowError> errors) {
	}

	/**
	 * The errors of one CSV row.
	 *
	 * @param line the line number in the file (the header is line 1)
	 * @param messages what is wrong
	 */
	public record RowError(long line, List<String> messages) {
	}

	@Transactional
	public ImportReport importCsv(long tenantId, Reader reader) {
		List<LineRecord> records = read(reader);
		Map<String, Long> usernames = this.agents.list(tenantId)
			.stream()
			.collect(Collectors.toMap(Agent::username, Agent::id));
		List<ContactCommand> commands = new ArrayList<>();
		List<RowError> errors = new ArrayList<>();
		Map<String, Long> externalIdLines = new HashMap<>();
		for (LineRecord line : records) {
			CSVRecord record = line.record();
			List<String> messages = new ArrayList<>();
			ContactCommand command = toCommand(record, usernames, messages);
			duplicateExternalId(command, line.line(), externalIdLines).ifPresent(messages::add);
			try {
				this.service.validate(tenantId, command, null);
			}
			catch (Problems.InvalidInput invalid) {
				invalid.errors().forEach((error) -> messages.add(error.message()));
			}
			if (messages.isEmpty()) {
				commands.add(command);
			}
			else {
				errors.add(new RowError(line.line(), messages));
			}
		}
		if (!errors.isEmpty()) {
			return new ImportReport(records.size(), 0, errors);
		}
		commands.forEach((command) -> this.service.create(tenantId, command));
		return new ImportReport(records.size(), commands.size(), List.of());
	}

	public void exportCsv(long tenantId, Writer writer) {
		Map<Long, String> usernames = this.agents.list(tenantId)
			.stream()
			.collect(Collectors.toMap(Agent::id, Agent::username));
		try (CSVPrinter printer = new CSVPrinter(writer, EXPORT)) {
			for (Contact contact : this.contacts.all(tenantId)) {
				printer.printRecord(contact.name(), contact.company(), contact.email(),
						String.join(";", contact.phones()), String.join(";", contact.tags()), contact.notes(),
						(contact.responsibleId() != null) ? usernames.get(contact.responsibleId()) : null,
						contact.externalId());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A CSV record with the file line it starts on (a quoted value may span several
	 * lines).
	 *
	 * @param line the 1-based line number in the file
	 * @param record the record
	 */
	private record LineRecord(long line, CSVRecord record) {
	}

	private static List<LineRecord> read(Reader reader) {
		try (CSVParser parser = IMPORT.parse(reader)) {
			Set<String> header = parser.getHeaderMap()
				.keySet()
				.stream()
				.map((h) -> h.strip().toLowerCase(java.util.Locale.ROOT))
				.collect(Collectors.toSet());
			if (!header.contains("name")) {
				throw new Problems.InvalidInput("file", "The CSV needs a header line with at least a 'name' column; "
						+ "known columns: " + String.join(", ", COLUMNS) + ".");
			}
			List<LineRecord> records = new ArrayList<>();
			long nextLine = parser.getCurrentLineNumber() + 1;
			for (CSVRecord record : parser) {
				records.add(new LineRecord(nextLine, record));
				nextLine = parser.getCurrentLineNumber() + 1;
				if (records.size() > MAX_ROWS) {
					break;
				}
			}
			if (records.size() > MAX_ROWS) {
				throw new Problems.InvalidInput("file",
						"The CSV has more than " + MAX_ROWS + " rows; import at most " + MAX_ROWS + " at once.");
			}
			return records;
		}
		catch (IOException | UncheckedIOException | IllegalStateException ex) {
			throw new Problems.InvalidInput("file", "The file is not a readable CSV: " + ex.getMessage());
		}
	}

	private static ContactCommand toCommand(CSVRecord record, Map<String, Long> usernames, List<String> messages) {
		Long responsible = null;
		String username = value(record, "responsible");
		if (username != null) {
			responsible = usernames.get(username);
			if (responsible == null) {
				messages.add("Unknown responsible agent '" + username + "'.");
			}
		}
		return new ContactCommand(Optional.ofNullable(value(record, "name")).orElse(""), value(record, "company"),
				value(record, "email"), value(record, "notes"), responsible, value(record, "external_id"),
				split(value(record, "phones")), split(value(record, "tags")));
	}

	private static Optional<String> duplicateExternalId(ContactCommand command, long line, Map<String, Long> seen) {
		if (command.externalId() == null || command.externalId().isBlank()) {
			return Optional.empty();
		}
		Long first = seen.putIfAbsent(command.externalId().strip(), line);
		return (first == null) ? Optional.empty()
				: Optional.of("The external id '" + command.externalId() + "' is also on line " + first + ".");
	}

	private static @Nullable String value(CSVRecord record, String column) {
		for (String name : record.getParser().getHeaderNames()) {
			if (name.strip().equalsIgnoreCase(column) && record.isSet(name)) {
				String value = record.get(name);
				return (value == null || value.isBlank()) ? null : value;
			}
		}
		return null;
	}

	private static List<String> split(@Nullable String value) {
		return (value == null) ? List.of() : Arrays.stream(value.split("[;|]")).map(String::strip).toList();
	}

}
