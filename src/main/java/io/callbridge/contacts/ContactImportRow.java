package io.callbridge.contacts;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.contacts.ContactImport.CellError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * Turns one CSV row into a contact's values: the columns the file has set the value (a
 * blank cell clears it); an updated contact keeps the values of the columns the file does
 * not have.
 */
final class ContactImportRow {

	private ContactImportRow() {
	}

	static ContactCommand command(ContactCsvReader.Row row, @Nullable Contact existing, Map<String, Long> usernames,
			List<CellError> cells) {
		Long responsible = (existing != null) ? existing.responsibleId() : null;
		if (row.has("responsible")) {
			String username = row.value("responsible");
			responsible = (username != null) ? usernames.get(username) : null;
			if (username != null && responsible == null) {
				cells.add(new CellError(row.line(), "responsible", Text.of("csv.unknownResponsible", username)));
			}
		}
		return new ContactCommand(
				Optional.ofNullable(text(row, "name", (existing != null) ? existing.name() : null)).orElse(""),
				text(row, "company", (existing != null) ? existing.company() : null),
				text(row, "email", (existing != null) ? existing.email() : null),
				text(row, "notes", (existing != null) ? existing.notes() : null), responsible,
				text(row, "external_id", (existing != null) ? existing.externalId() : null),
				list(row, "phones", (existing != null) ? existing.phones() : List.of()),
				list(row, "tags", (existing != null) ? existing.tags() : List.of()));
	}

	/** The CSV column of a field of {@link ContactCommand} named in a refusal. */
	static String column(String field) {
		return switch (field) {
			case "externalId" -> "external_id";
			case "responsibleId" -> "responsible";
			default -> field;
		};
	}

	private static @Nullable String text(ContactCsvReader.Row row, String column, @Nullable String kept) {
		return row.has(column) ? row.value(column) : kept;
	}

	private static List<String> list(ContactCsvReader.Row row, String column, List<String> kept) {
		if (!row.has(column)) {
			return kept;
		}
		String value = row.value(column);
		return (value == null) ? List.of() : Arrays.stream(value.split("[;|]")).map(String::strip).toList();
	}

}
