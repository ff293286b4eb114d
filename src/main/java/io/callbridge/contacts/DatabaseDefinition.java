package io.callbridge.contacts;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks what an admin chose for a new contact database: a name, columns named once, at
 * least one phone column among them, and an external-ID column that is never a phone
 * column. Every problem is reported at once, on the field it is about.
 */
final class DatabaseDefinition {

	static final int MAX_NAME = 128;

	private static final int MAX_COLUMN = 128;

	private static final int MAX_COLUMNS_JSON = 4000;

	private DatabaseDefinition() {
	}

	/**
	 * The command cleaned (names stripped, blank choices as none, phone columns once), or
	 * a 422 problem naming every invalid field. Whether the name is taken is the caller's
	 * check.
	 */
	static ContactDatabaseCommand checked(ContactDatabaseCommand command) {
		List<FieldError> errors = new ArrayList<>();
		String name = command.name().strip();
		if (name.isEmpty()) {
			errors.add(new FieldError("name", Text.of("contactDb.nameRequired")));
		}
		else if (name.length() > MAX_NAME) {
			errors.add(new FieldError("name",
					Text.of("problem.fieldTooLong", Text.of("field.name"), String.valueOf(MAX_NAME))));
		}
		List<String> columns = columns(command.columns(), errors);
		List<String> phones = new ArrayList<>(new LinkedHashSet<>(strip(command.phoneColumns())));
		if (phones.isEmpty()) {
			errors.add(new FieldError("phoneColumns", Text.of("contactDb.noPhoneColumn")));
		}
		phones.forEach((phone) -> known(phone, columns, "phoneColumns", errors));
		String externalId = blank(command.externalIdColumn());
		if (externalId != null && phones.contains(externalId)) {
			errors.add(new FieldError("externalIdColumn", Text.of("contactDb.externalIdIsPhone", externalId)));
		}
		else if (externalId != null) {
			known(externalId, columns, "externalIdColumn", errors);
		}
		String nameColumn = blank(command.nameColumn());
		if (nameColumn != null) {
			known(nameColumn, columns, "nameColumn", errors);
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return new ContactDatabaseCommand(name, columns, phones, externalId, nameColumn);
	}

	private static List<String> columns(List<String> given, List<FieldError> errors) {
		List<String> columns = strip(given);
		Set<String> seen = new HashSet<>();
		if (columns.isEmpty()) {
			errors.add(new FieldError("columns", Text.of("contactDb.noColumns")));
		}
		for (String column : columns) {
			if (column.isEmpty()) {
				errors.add(new FieldError("columns", Text.of("contactDb.blankColumn")));
			}
			else if (column.length() > MAX_COLUMN) {
				errors.add(new FieldError("columns",
						Text.of("contactDb.columnTooLong", column, String.valueOf(MAX_COLUMN))));
			}
			else if (!seen.add(column.toLowerCase(Locale.ROOT))) {
				errors.add(new FieldError("columns", Text.of("contactDb.duplicateColumn", column)));
			}
		}
		if (JsonMapper.shared().writeValueAsString(columns).length() > MAX_COLUMNS_JSON) {
			errors.add(new FieldError("columns", Text.of("contactDb.tooManyColumns")));
		}
		return columns;
	}

	private static void known(String column, List<String> columns, String field, List<FieldError> errors) {
		if (!columns.contains(column)) {
			errors.add(new FieldError(field, Text.of("contactDb.unknownColumn", column, String.join(", ", columns))));
		}
	}

	private static List<String> strip(List<String> values) {
		return values.stream().map((value) -> (value != null) ? value.strip() : "").toList();
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
