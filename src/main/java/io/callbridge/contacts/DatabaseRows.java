package io.callbridge.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns rows of values by column (a CSV file's lines, an API batch) into contacts of one
 * database, or into the reasons each row is refused, every reason naming its row and
 * column: phones normalised to E.164 with the tenant's region (the main phone is
 * required), the external ID unique among the rows and against the database, and the
 * other columns kept as the contact's data. One instance plans one batch.
 */
final class DatabaseRows {

	/** Longest external ID (the column's size). */
	static final int MAX_EXTERNAL_ID = 128;

	/** Longest JSON of a contact's values (the column's size). */
	static final int MAX_DATA = 8000;

	private static final int MAX_PHONE_INPUT = 40;

	private static final Pattern NAME_LIKE = Pattern.compile("(?i).*(nombre|name).*");

	private static final JsonMapper JSON = JsonMapper.shared();

	private final ContactDatabase database;

	private final String region;

	private final Map<String, Long> holders;

	private final Map<String, Long> seen = new HashMap<>();

	/**
	 * A planner for one batch.
	 * @param database the database the rows go to
	 * @param region the tenant's region, for numbers without a country code
	 * @param holders the contacts of the database that already hold external IDs the
	 * batch names, by external ID
	 */
	DatabaseRows(ContactDatabase database, String region, Map<String, Long> holders) {
		this.database = database;
		this.region = region;
		this.holders = holders;
	}

	/**
	 * A row ready to write.
	 *
	 * @param command the contact's values
	 * @param externalId its external ID in the database; {@code null} for none
	 * @param data JSON object of its values by column (all but the external ID)
	 */
	record Planned(ContactCommand command, @Nullable String externalId, String data) {
	}

	/**
	 * The external ID a row names, or {@code null}.
	 * @param database the database
	 * @param values the row
	 * @return the stripped ID; {@code null} when the database has none or the cell is
	 * blank
	 */
	static @Nullable String externalIdOf(ContactDatabase database, Map<String, String> values) {
		return (database.externalIdColumn() != null) ? blank(values.get(database.externalIdColumn())) : null;
	}

	/**
	 * Plans one row.
	 * @param row the row's number as the reader counts it (a file's line, a batch's
	 * position from 1)
	 * @param values the row's cells by column; blank or absent cells are empty
	 * @param errors where the row's errors are added, each on the column it is about (an
	 * empty field for the whole row)
	 * @param validator the contact checks every contact passes
	 * @return the planned row; {@code null} when it has errors
	 */
	@Nullable Planned plan(long row, Map<String, String> values, List<FieldError> errors, Validator validator) {
		int before = errors.size();
		unknownColumns(row, values).ifPresent((text) -> errors.add(new FieldError("", text)));
		Map<String, String> data = new LinkedHashMap<>();
		List<String> phones = phones(row, values, data, errors);
		String externalId = externalId(row, values, errors);
		for (String column : this.database.dataColumns()) {
			String value = blank(values.get(column));
			if (value != null) {
				data.put(column, value);
			}
		}
		String json = JSON.writeValueAsString(data);
		if (json.length() > MAX_DATA) {
			errors.add(
					new FieldError("", Text.of("contactDb.rowTooLong", String.valueOf(row), String.valueOf(MAX_DATA))));
		}
		ContactCommand command = new ContactCommand(name(values, phones), null, null, null, null, null, phones,
				List.of());
		if (errors.size() == before) {
			try {
				validator.validate(command);
			}
			catch (Problems.InvalidInput invalid) {
				invalid.errors()
					.forEach((error) -> errors
						.add(new FieldError("", Text.of("contactDb.rowError", String.valueOf(row), error.text()))));
			}
		}
		return (errors.size() == before) ? new Planned(command, externalId, json) : null;
	}

	/** The contact checks of {@link ContactService}, without writing. */
	@FunctionalInterface
	interface Validator {

		void validate(ContactCommand command);

	}

	private Optional<Text> unknownColumns(long row, Map<String, String> values) {
		Set<String> unknown = new LinkedHashSet<>(values.keySet());
		this.database.columns().forEach(unknown::remove);
		return unknown.isEmpty() ? Optional.empty() : Optional.of(Text.of("contactDb.unknownColumns",
				String.valueOf(row), String.join(", ", unknown), String.join(", ", this.database.columns())));
	}

	private List<String> phones(long row, Map<String, String> values, Map<String, String> data,
			List<FieldError> errors) {
		List<String> phones = new ArrayList<>();
		for (String column : this.database.phoneColumns()) {
			String raw = blank(values.get(column));
			if (raw == null) {
				if (column.equals(this.database.mainPhone())) {
					errors.add(
							new FieldError(column, Text.of("contactDb.missingMainPhone", String.valueOf(row), column)));
				}
				continue;
			}
			if (raw.length() > MAX_PHONE_INPUT) {
				errors.add(new FieldError(column, Text.of("contactDb.cellError", String.valueOf(row), column,
						Text.of("contact.phoneTooLong", String.valueOf(MAX_PHONE_INPUT)))));
				continue;
			}
			switch (PhoneNumbers.parse(raw, this.region)) {
				case PhoneNumber.Valid valid -> {
					phones.add(valid.e164());
					data.put(column, valid.e164());
				}
				case PhoneNumber.Invalid invalid -> errors.add(new FieldError(column,
						Text.of("contactDb.cellError", String.valueOf(row), column, invalid.reason())));
				case PhoneNumber.Withheld withheld -> errors.add(new FieldError(column,
						Text.of("contactDb.cellError", String.valueOf(row), column, Text.of("phone.notANumber", raw))));
			}
		}
		return phones;
	}

	private @Nullable String externalId(long row, Map<String, String> values, List<FieldError> errors) {
		String column = this.database.externalIdColumn();
		String value = externalIdOf(this.database, values);
		if (column == null || value == null) {
			return null;
		}
		if (value.length() > MAX_EXTERNAL_ID) {
			errors.add(new FieldError(column, Text.of("contactDb.cellError", String.valueOf(row), column,
					Text.of("problem.externalIdTooLong", String.valueOf(MAX_EXTERNAL_ID)))));
			return null;
		}
		Long holder = this.holders.get(value);
		if (holder != null) {
			errors.add(new FieldError(column, Text.of("contactDb.externalIdInDatabase", String.valueOf(row), column,
					value, String.valueOf(holder))));
		}
		Long first = this.seen.putIfAbsent(value, row);
		if (first != null) {
			errors.add(new FieldError(column, Text.of("contactDb.csvDuplicateExternalId", String.valueOf(row), column,
					value, String.valueOf(first))));
		}
		return value;
	}

	// The chosen column, else the first extra column called like a name, else the main
	// phone: every contact has a name.
	private String name(Map<String, String> values, List<String> phones) {
		String column = this.database.nameColumn();
		if (column == null) {
			column = this.database.dataColumns().stream().filter(NAME_LIKE.asPredicate()).findFirst().orElse(null);
		}
		String name = (column != null) ? blank(values.get(column)) : null;
		if (name != null) {
			return name;
		}
		return phones.isEmpty() ? "" : PhoneNumbers.display(phones.get(0));
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
