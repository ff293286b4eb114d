package io.callbridge.contacts;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.contacts.ContactBatchWriter.Planned;
import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport.CellError;
import io.callbridge.contacts.ContactImport.State;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one contacts CSV import: a single pass over the file on disk reads, checks and
 * writes the rows a batch at a time, all in one transaction. All or nothing: the first
 * row with an error stops the writing, the rest of the file is still checked so every
 * error is reported, and the transaction is rolled back; only a file without errors is
 * committed, together with its {@code DONE} status. Progress is written after a batch, at
 * most once a second, in a transaction of its own, so any node sees it while the import
 * runs.
 */
@Service
class ContactImporter {

	private static final Logger log = LoggerFactory.getLogger(ContactImporter.class);

	/** Rows checked, written and reported at a time. */
	static final int BATCH = 1000;

	private static final long PROGRESS_NANOS = 1_000_000_000L;

	private final ContactImports imports;

	private final ContactBatchWriter writer;

	private final Contacts contacts;

	private final Tenants tenants;

	private final Agents agents;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<ContactWriteOrder> writeOrder;

	private final TransactionTemplate importTransaction;

	private final TransactionTemplate progressTransaction;

	ContactImporter(ContactImports imports, ContactBatchWriter writer, Contacts contacts, Tenants tenants,
			Agents agents, ApplicationEventPublisher events, ObjectProvider<ContactWriteOrder> writeOrder,
			PlatformTransactionManager transactions) {
		this.imports = imports;
		this.writer = writer;
		this.contacts = contacts;
		this.tenants = tenants;
		this.agents = agents;
		this.events = events;
		this.writeOrder = writeOrder;
		this.importTransaction = new TransactionTemplate(transactions);
		this.progressTransaction = new TransactionTemplate(transactions);
		this.progressTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Imports a file, all rows or none, and records how it ended on the import's status.
	 * @param tenantId the tenant
	 * @param importId the import's status row
	 * @param file the uploaded file
	 * @param charset its encoding
	 * @param mode create only, or update by external id
	 * @return why the whole file was refused (unreadable, no name column), or
	 * {@code null}
	 */
	Problems.@Nullable Problem run(long tenantId, long importId, Path file, Charset charset, ImportMode mode) {
		Pass pass = new Pass(tenantId, importId, new ContactCsvReader(file, charset), mode);
		try {
			this.importTransaction.executeWithoutResult((status) -> {
				this.writeOrder.ifAvailable((order) -> order.claim(tenantId));
				pass.readAll();
				if (pass.refused()) {
					status.setRollbackOnly();
				}
				else {
					this.imports.done(importId, pass.rows, pass.created, pass.updated);
				}
			});
		}
		catch (DataAccessException ex) {
			log.warn("Contact import {} of tenant {} failed; nothing was kept", importId, tenantId, ex);
			this.progressTransaction.executeWithoutResult((status) -> this.imports.ended(importId, State.FAILED, null,
					0, Text.of("import.failed", String.valueOf(ex.getMostSpecificCause().getMessage())), List.of()));
			return new Problems.Conflict(Text.of("import.failedNothingKept"));
		}
		if (pass.refused()) {
			this.progressTransaction.executeWithoutResult(
					(status) -> this.imports.ended(importId, State.REFUSED, (pass.problem == null) ? pass.rows : null,
							pass.errorRows, (pass.problem != null) ? pass.problem.text() : null, pass.errors));
		}
		return pass.problem;
	}

	/** The state of one import while its file is read. */
	private final class Pass {

		private final long tenantId;

		private final long importId;

		private final ContactCsvReader reader;

		private final ImportMode mode;

		private final String region;

		private final Map<String, Long> usernames;

		private final Map<String, Long> externalIdLines = new HashMap<>();

		private final List<ContactCsvReader.Row> batch = new ArrayList<>(BATCH);

		private final List<CellError> errors = new ArrayList<>();

		private final Instant now = Instant.now();

		private long rows;

		private long lastProgress = System.nanoTime() - PROGRESS_NANOS;

		private long written;

		private long created;

		private long updated;

		private long errorRows;

		private Problems.@Nullable Problem problem;

		Pass(long tenantId, long importId, ContactCsvReader reader, ImportMode mode) {
			this.tenantId = tenantId;
			this.importId = importId;
			this.reader = reader;
			this.mode = mode;
			this.region = ContactImporter.this.tenants.get(tenantId).defaultRegion();
			this.usernames = ContactImporter.this.agents.list(tenantId)
				.stream()
				.collect(Collectors.toMap(Agent::username, Agent::id));
		}

		boolean refused() {
			return this.errorRows > 0 || this.problem != null;
		}

		void readAll() {
			try {
				this.reader.forEach(this::accept);
				flush();
			}
			catch (Problems.BadRequest | Problems.InvalidInput unreadable) {
				this.problem = unreadable;
			}
		}

		private void accept(ContactCsvReader.Row row) {
			this.rows++;
			this.batch.add(row);
			if (this.batch.size() == BATCH) {
				flush();
			}
		}

		private void flush() {
			Map<String, Long> holders = ContactImporter.this.writer.idsByExternalId(this.tenantId, externalIds());
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
			if (!refused()) {
				write(plan);
			}
			ContactImporter.this.progressTransaction.executeWithoutResult((status) -> ContactImporter.this.imports
				.progress(this.importId, this.rows, this.written, this.reader.bytesRead(), this.errorRows));
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

		private void write(List<Planned> plan) {
			List<Planned> creates = plan.stream().filter((p) -> p.existingId() == null).toList();
			List<Planned> updates = plan.stream().filter((p) -> p.existingId() != null).toList();
			List<Long> createdIds = ContactImporter.this.writer.create(this.tenantId, creates, this.now);
			List<Long> updatedIds = updates.isEmpty() ? List.of()
					: ContactImporter.this.writer.update(this.tenantId, updates, this.now);
			this.created += createdIds.size();
			this.updated += updatedIds.size();
			this.written += plan.size();
			if (!plan.isEmpty()) {
				ContactImporter.this.events.publishEvent(new ContactsImported(this.tenantId, createdIds, updatedIds));
			}
		}

		private Planned plan(ContactCsvReader.Row row, Map<String, Long> holders, List<CellError> cells) {
			String externalId = row.value("external_id");
			Long holder = (externalId != null) ? holders.get(externalId) : null;
			Contact existing = (holder != null && this.mode == ImportMode.UPSERT && !hasEveryColumn(row))
					? ContactImporter.this.contacts.get(this.tenantId, holder) : null;
			ContactCommand command = ContactImportRow.command(row, existing, this.usernames, cells);
			if (externalId != null) {
				checkExternalId(row.line(), externalId, holder, cells);
			}
			List<Problems.FieldError> fields = new ArrayList<>();
			ContactService.Validated valid = ContactService.checkValues(command, this.region, fields);
			fields.forEach((field) -> cells
				.add(new CellError(row.line(), ContactImportRow.column(field.field()), field.text())));
			return new Planned(command, (this.mode == ImportMode.UPSERT) ? holder : null, valid);
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

}
