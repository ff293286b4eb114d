package io.callbridge.contacts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.callbridge.contacts.ContactBatchWriter.Planned;
import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport.CellError;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * Reads the file of one import and checks its rows a batch at a time, handing each batch
 * on as rows ready to write: values, numbers (libphonenumber), tags, responsible agent,
 * external id against the rest of the file and against the tenant's contacts. It runs on
 * a thread of its own while the import's transaction writes the batches before, so its
 * lookups of existing contacts use connections of their own; they see what the import's
 * transaction sees, because the import holds the tenant's write turn
 * ({@link ContactWriteOrder}) from before the first lookup, and the contacts the import
 * itself creates are checked against the rest of the file in memory. After the first row
 * with an error no more rows are planned, but the rest of the file is still checked so
 * every error is reported.
 */
final class ContactImportCheck {

	/**
	 * A checked batch.
	 *
	 * @param plan the rows to write (none once the file has an error)
	 * @param rowsRead data rows read so far
	 * @param bytesRead bytes of the file read so far
	 * @param errorRows rows with errors so far
	 */
	record Checked(List<Planned> plan, long rowsRead, long bytesRead, long errorRows) {
	}

	private final long tenantId;

	private final ImportMode mode;

	private final String region;

	private final Map<String, Long> usernames;

	private final ContactCsvReader reader;

	private final ContactBatchWriter lookups;

	private final Contacts contacts;

	private final Map<String, Long> externalIdLines = new HashMap<>();

	private final List<ContactCsvReader.Row> batch = new ArrayList<>(ContactImporter.BATCH);

	private final List<CellError> errors = new ArrayList<>();

	private long rows;

	private long errorRows;

	private Problems.@Nullable Problem problem;

	ContactImportCheck(long tenantId, ImportMode mode, String region, Map<String, Long> usernames,
			ContactCsvReader reader, ContactBatchWriter lookups, Contacts contacts) {
		this.tenantId = tenantId;
		this.mode = mode;
		this.region = region;
		this.usernames = usernames;
		this.reader = reader;
		this.lookups = lookups;
		this.contacts = contacts;
	}

	/**
	 * Reads the whole file.
	 * @param out what is done with each checked batch, in file order
	 */
	void readAll(Consumer<Checked> out) {
		try {
			this.reader.forEach((row) -> {
				this.rows++;
				this.batch.add(row);
				if (this.batch.size() == ContactImporter.BATCH) {
					out.accept(check());
				}
			});
			out.accept(check());
		}
		catch (Problems.BadRequest | Problems.InvalidInput unreadable) {
			this.problem = unreadable;
		}
	}

	/** Whether nothing may be kept: rows with errors, or a file that cannot be read. */
	boolean refused() {
		return this.errorRows > 0 || this.problem != null;
	}

	/** Data rows read. */
	long rows() {
		return this.rows;
	}

	/** Rows with errors. */
	long errorRows() {
		return this.errorRows;
	}

	/** The first errors, in file order. */
	List<CellError> errors() {
		return this.errors;
	}

	/** Why the whole file was refused, if it was. */
	Problems.@Nullable Problem problem() {
		return this.problem;
	}

	private Checked check() {
		Map<String, Long> holders = this.lookups.idsByExternalId(this.tenantId, externalIds());
		List<Planned> plan = new ArrayList<>(this.batch.size());
		for (ContactCsvReader.Row row : this.batch) {
			List<CellError> cells = new ArrayList<>();
			Planned planned = plan(row, holders, cells);
			if (!cells.isEmpty()) {
				this.errorRows++;
				cells.stream().limit(ContactImports.MAX_ERRORS - this.errors.size()).forEach(this.errors::add);
			}
			else if (!refused()) {
				plan.add(planned);
			}
		}
		this.batch.clear();
		return new Checked(refused() ? List.of() : plan, this.rows, this.reader.bytesRead(), this.errorRows);
	}

	private Set<String> externalIds() {
		Set<String> ids = new LinkedHashSet<>();
		for (ContactCsvReader.Row row : this.batch) {
			String id = row.value("external_id");
			if (id != null && id.length() <= 100) {
				ids.add(id);
			}
		}
		return ids;
	}

	private @Nullable Planned plan(ContactCsvReader.Row row, Map<String, Long> holders, List<CellError> cells) {
		String externalId = row.value("external_id");
		Long holder = (externalId != null) ? holders.get(externalId) : null;
		Contact existing = (holder != null && this.mode == ImportMode.UPSERT && !hasEveryColumn(row))
				? this.contacts.get(this.tenantId, holder) : null;
		ContactCommand command = ContactImportRow.command(row, existing, this.usernames, cells);
		if (externalId != null) {
			checkExternalId(row.line(), externalId, holder, cells);
		}
		List<Problems.FieldError> fields = new ArrayList<>();
		ContactService.Validated valid = ContactService.checkValues(command, this.region, fields);
		fields.forEach(
				(field) -> cells.add(new CellError(row.line(), ContactImportRow.column(field.field()), field.text())));
		return cells.isEmpty() ? Planned.of(command, (this.mode == ImportMode.UPSERT) ? holder : null, valid) : null;
	}

	private void checkExternalId(long line, String externalId, @Nullable Long holder, List<CellError> cells) {
		if (externalId.length() > 100) {
			cells.add(new CellError(line, "external_id", Text.of("problem.externalIdTooLong", "100")));
			return;
		}
		Long first = this.externalIdLines.putIfAbsent(externalId, line);
		if (first != null) {
			cells.add(new CellError(line, "external_id",
					Text.of("csv.duplicateExternalId", externalId, String.valueOf(first))));
		}
		if (holder != null && this.mode == ImportMode.CREATE) {
			cells.add(new CellError(line, "external_id",
					Text.of("csv.externalIdExists", externalId, String.valueOf(holder))));
		}
	}

	private static boolean hasEveryColumn(ContactCsvReader.Row row) {
		return row.columns().containsAll(ContactCsv.COLUMNS);
	}

}
