package io.callbridge.contacts;

import java.nio.charset.Charset;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contact databases (OMniLeads' "bases de contactos"): created empty or from a CSV file
 * whose columns the admin assigns, filled from files or API batches, every file or batch
 * all or nothing. Their contacts are ordinary contacts (created through
 * {@link ContactService}, so they match inbound numbers and publish
 * {@link ContactCreated}), with an external ID unique within their database and their
 * values of its columns.
 */
@Service
public class ContactDatabases {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private static final TypeReference<LinkedHashMap<String, String>> VALUES = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Contacts contacts;

	private final ContactService service;

	private final Tenants tenants;

	ContactDatabases(JdbcClient jdbc, Contacts contacts, ContactService service, Tenants tenants) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.service = service;
		this.tenants = tenants;
	}

	/**
	 * How the columns of an uploaded file are used.
	 *
	 * @param databaseName the new database's name (ignored when adding to one)
	 * @param phoneColumns the phone columns, the main phone first
	 * @param externalIdColumn the external-ID column; {@code null} or blank for none
	 * @param nameColumn the column naming contacts; {@code null} or blank to choose
	 */
	public record ColumnChoice(@Nullable String databaseName, List<String> phoneColumns,
			@Nullable String externalIdColumn, @Nullable String nameColumn) {

		public ColumnChoice {
			phoneColumns = (phoneColumns != null) ? List.copyOf(phoneColumns) : List.of();
		}

	}

	/**
	 * What an uploaded file holds, for choosing its columns.
	 *
	 * @param columns the header's columns in order
	 * @param rows how many data rows it has
	 * @param sample the first rows' cells, in column order
	 * @param phoneColumns the columns named like phones, suggested as phone columns
	 * @param nameColumn the first other column named like a name, or {@code null}
	 */
	public record CsvPreview(List<String> columns, int rows, List<List<String>> sample, List<String> phoneColumns,
			@Nullable String nameColumn) {
	}

	/**
	 * The outcome of a CSV upload.
	 *
	 * @param databaseId the database filled (created by this upload or not); {@code null}
	 * when a new database was refused with its file
	 * @param rows data rows read
	 * @param imported contacts created (0 when any row has errors)
	 * @param errors the errors per line, each message naming row and column; empty on
	 * success
	 */
	public record ImportReport(@Nullable Long databaseId, int rows, int imported, List<ContactCsv.RowError> errors) {
	}

	/**
	 * Creates an empty database.
	 * @param tenantId the tenant
	 * @param command its name and columns
	 * @return the database
	 * @throws Problems.InvalidInput naming every invalid field (a phone column as
	 * external ID among them) or a name already taken
	 */
	@Transactional
	public ContactDatabase create(long tenantId, ContactDatabaseCommand command) {
		ContactDatabaseCommand checked = checkedNew(tenantId, command);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO contact_databases (tenant_id, name, column_names, phone_columns, external_id_column,
				  name_column, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, checked.name(), JSON.writeValueAsString(checked.columns()),
					JSON.writeValueAsString(checked.phoneColumns()), checked.externalIdColumn(), checked.nameColumn(),
					Jdbc.ts(Instant.now()))
			.update(keys, "id");
		return get(tenantId, keys.getKeyAs(Long.class));
	}

	public Optional<ContactDatabase> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM contact_databases WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(ContactDatabases::row)
			.optional();
	}

	/** A database of the tenant; another tenant's is "not found" (404). */
	public ContactDatabase get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.contactDatabase"), id));
	}

	/** The tenant's databases by name. */
	public List<ContactDatabase> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM contact_databases WHERE tenant_id = ? ORDER BY LOWER(name), id")
			.param(tenantId)
			.query(ContactDatabases::row)
			.list();
	}

	/** How many contacts each database of the tenant has, by database id. */
	public Map<Long, Long> contactCounts(long tenantId) {
		return this.contacts.countsByDatabase(tenantId);
	}

	/**
	 * Reads an uploaded file for the column picker, without storing anything.
	 * @throws Problems.BadRequest when the file is not readable CSV in the charset
	 */
	public CsvPreview preview(byte[] data, Charset charset) {
		return ContactDatabaseCsv.preview(ContactDatabaseCsv.read(data, charset));
	}

	/**
	 * Imports a CSV file, every row or none: into a new database made of the file's
	 * columns as chosen, or into an existing one whose columns the file must have.
	 * @param tenantId the tenant
	 * @param databaseId the database to add to; {@code null} to create one
	 * @param data the file's bytes
	 * @param charset its encoding
	 * @param choice how the columns are used (for an existing database, choices given
	 * must be the database's)
	 * @return the report; with row errors nothing is stored (not even a new database)
	 * @throws Problems.InvalidInput for a choice that cannot be used (naming the field)
	 * @throws Problems.BadRequest for a file that is not readable CSV
	 */
	@Transactional
	public ImportReport importCsv(long tenantId, @Nullable Long databaseId, byte[] data, Charset charset,
			ColumnChoice choice) {
		ContactCsvFile file = ContactDatabaseCsv.read(data, charset);
		ContactDatabase database = (databaseId != null) ? existingFor(tenantId, databaseId, file, choice)
				: planned(tenantId, file, choice);
		if (file.rows().isEmpty()) {
			throw new Problems.InvalidInput("file", Text.of("contactDb.noRows"));
		}
		Map<Long, Map<String, String>> rows = ContactDatabaseCsv.rows(file);
		List<ContactCsv.RowError> errors = new ArrayList<>();
		List<DatabaseRows.Planned> plan = plan(database, rows, (line, lineErrors) -> errors
			.add(new ContactCsv.RowError(line, lineErrors.stream().map(FieldError::text).toList())));
		if (!errors.isEmpty()) {
			return new ImportReport(databaseId, rows.size(), 0, errors);
		}
		ContactDatabase target = (databaseId != null) ? database
				: create(tenantId, new ContactDatabaseCommand(database.name(), database.columns(),
						database.phoneColumns(), database.externalIdColumn(), database.nameColumn()));
		plan.forEach((planned) -> write(tenantId, target, planned));
		return new ImportReport(target.id(), rows.size(), plan.size(), List.of());
	}

	/**
	 * Adds a batch of contacts, all or none: each row maps columns to values (absent or
	 * blank cells are empty); the main phone is required, phones are normalised, and
	 * external IDs must be unique in the batch and in the database.
	 * @param tenantId the tenant
	 * @param databaseId the database
	 * @param rows the rows
	 * @return the contacts created, in row order
	 * @throws Problems.InvalidInput with every error of every row: field
	 * {@code rows[i].<column>} ({@code rows[i]} for the whole row; {@code i} from 0), the
	 * message naming row {@code i + 1}; the text keys tell the kind
	 * ({@code contactDb.missingMainPhone}, {@code contactDb.csvDuplicateExternalId},
	 * {@code contactDb.externalIdInDatabase}, {@code contactDb.unknownColumns},
	 * {@code contactDb.cellError}, …)
	 */
	@Transactional
	public List<Contact> addRows(long tenantId, long databaseId, List<Map<String, String>> rows) {
		ContactDatabase database = get(tenantId, databaseId);
		if (rows.isEmpty()) {
			throw new Problems.InvalidInput("rows", Text.of("contactDb.noRows"));
		}
		Map<Long, Map<String, String>> numbered = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			numbered.put((long) i + 1, rows.get(i));
		}
		List<FieldError> errors = new ArrayList<>();
		List<DatabaseRows.Planned> plan = plan(
				database, numbered, (row,
						rowErrors) -> rowErrors.forEach((error) -> errors.add(new FieldError(
								"rows[" + (row - 1) + "]" + (error.field().isEmpty() ? "" : "." + error.field()),
								error.text()))));
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return plan.stream().map((planned) -> write(tenantId, database, planned)).toList();
	}

	/**
	 * Adds one contact, as {@link #addRows} does a batch of one, with each error on the
	 * column it is about (an empty field for the whole row).
	 */
	@Transactional
	public Contact addRow(long tenantId, long databaseId, Map<String, String> row) {
		ContactDatabase database = get(tenantId, databaseId);
		List<FieldError> errors = new ArrayList<>();
		List<DatabaseRows.Planned> plan = plan(database, Map.of(1L, row), (n, rowErrors) -> errors.addAll(rowErrors));
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return write(tenantId, database, plan.get(0));
	}

	/** The contact of a database of the tenant that has this external ID there. */
	public Optional<Long> contactByExternalId(long tenantId, long databaseId, String externalId) {
		if (find(tenantId, databaseId).isEmpty() || externalId.isBlank()) {
			return Optional.empty();
		}
		return this.contacts.idByDatabaseExternalId(databaseId, externalId.strip());
	}

	/**
	 * A contact's database, external ID and values; empty for a contact of no database.
	 */
	public Optional<DatabaseEntry> entryOf(long tenantId, long contactId) {
		return this.contacts.databaseRow(tenantId, contactId)
			.flatMap((row) -> find(tenantId, row.databaseId())
				.map((database) -> new DatabaseEntry(database.id(), row.externalId(), values(database, row))));
	}

	/**
	 * The contacts of a database of the tenant, oldest first (none for another tenant's).
	 */
	public List<Long> contactsOf(long tenantId, long databaseId) {
		return this.contacts.idsInDatabase(tenantId, databaseId);
	}

	/** Whether a contact belongs to a database. */
	public boolean isInDatabase(long contactId, long databaseId) {
		return this.contacts.isInDatabase(contactId, databaseId);
	}

	/** Receives the errors of one row. */
	@FunctionalInterface
	private interface RowErrors {

		void add(long row, List<FieldError> errors);

	}

	private List<DatabaseRows.Planned> plan(ContactDatabase database, Map<Long, Map<String, String>> rows,
			RowErrors sink) {
		List<String> externalIds = rows.values()
			.stream()
			.map((row) -> DatabaseRows.externalIdOf(database, row))
			.filter(Objects::nonNull)
			.distinct()
			.toList();
		Map<String, Long> holders = (database.id() > 0) ? this.contacts.holdersOf(database.id(), externalIds)
				: Map.of();
		DatabaseRows planner = new DatabaseRows(database, this.tenants.get(database.tenantId()).defaultRegion(),
				holders);
		List<DatabaseRows.Planned> plan = new ArrayList<>();
		rows.forEach((number, values) -> {
			List<FieldError> errors = new ArrayList<>();
			DatabaseRows.Planned planned = planner.plan(number, values, errors,
					(command) -> this.service.validate(database.tenantId(), command, null));
			if (planned != null) {
				plan.add(planned);
			}
			else {
				sink.add(number, errors);
			}
		});
		return plan;
	}

	private Contact write(long tenantId, ContactDatabase database, DatabaseRows.Planned planned) {
		return this.service.createInDatabase(tenantId, planned.command(), database.id(), planned.externalId(),
				planned.data());
	}

	// A database not stored yet (id 0): the file's columns as chosen, checked.
	private ContactDatabase planned(long tenantId, ContactCsvFile file, ColumnChoice choice) {
		ContactDatabaseCommand checked = checkedNew(tenantId,
				new ContactDatabaseCommand(Objects.requireNonNullElse(choice.databaseName(), ""), file.columns(),
						choice.phoneColumns(), choice.externalIdColumn(), choice.nameColumn()));
		return new ContactDatabase(0, tenantId, checked.name(), checked.columns(), checked.phoneColumns(),
				checked.externalIdColumn(), checked.nameColumn(), Instant.now());
	}

	private ContactDatabase existingFor(long tenantId, long databaseId, ContactCsvFile file, ColumnChoice choice) {
		ContactDatabase database = get(tenantId, databaseId);
		if (!ContactDatabaseCsv.sameColumns(file.columns(), database.columns())) {
			throw new Problems.InvalidInput("file", Text.of("contactDb.columnsDiffer",
					String.join(", ", file.columns()), String.join(", ", database.columns())));
		}
		List<FieldError> errors = new ArrayList<>();
		if (!choice.phoneColumns().isEmpty() && !choice.phoneColumns().equals(database.phoneColumns())) {
			errors.add(new FieldError("phoneColumns", Text.of("contactDb.choiceDiffers", Text.of("contactDb.phones"),
					String.join(", ", database.phoneColumns()))));
		}
		String externalId = blankToNull(choice.externalIdColumn());
		if (externalId != null && !externalId.equals(database.externalIdColumn())) {
			errors.add(new FieldError("externalIdColumn",
					Text.of("contactDb.choiceDiffers", Text.of("contactDb.externalIdColumn"),
							Objects.requireNonNullElse(database.externalIdColumn(), "—"))));
		}
		String name = blankToNull(choice.nameColumn());
		if (name != null && !name.equals(database.nameColumn())) {
			errors.add(new FieldError("nameColumn", Text.of("contactDb.choiceDiffers", Text.of("contactDb.nameColumn"),
					Objects.requireNonNullElse(database.nameColumn(), "—"))));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return database;
	}

	private ContactDatabaseCommand checkedNew(long tenantId, ContactDatabaseCommand command) {
		ContactDatabaseCommand checked = DatabaseDefinition.checked(command);
		boolean taken = this.jdbc.sql("SELECT COUNT(*) FROM contact_databases WHERE tenant_id = ? AND name = ?")
			.params(tenantId, checked.name())
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw new Problems.InvalidInput("name", Text.of("contactDb.nameTaken", checked.name()));
		}
		return checked;
	}

	// Every column in the database's order: the external ID from its column, the others
	// from the stored values.
	private static Map<String, String> values(ContactDatabase database, Contacts.DatabaseRow row) {
		Map<String, String> stored = (row.data() != null) ? JSON.readValue(row.data(), VALUES) : Map.of();
		Map<String, String> values = new LinkedHashMap<>();
		for (String column : database.columns()) {
			String value = column.equals(database.externalIdColumn()) ? row.externalId() : stored.get(column);
			values.put(column, (value != null) ? value : "");
		}
		return values;
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	private static ContactDatabase row(ResultSet rs, int n) throws SQLException {
		return new ContactDatabase(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
				JSON.readValue(rs.getString("column_names"), STRINGS),
				JSON.readValue(rs.getString("phone_columns"), STRINGS), rs.getString("external_id_column"),
				rs.getString("name_column"), Objects.requireNonNull(Jdbc.instant(rs, "created_at")));
	}

}
