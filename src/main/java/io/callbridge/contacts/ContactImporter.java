package io.callbridge.contacts;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.contacts.ContactBatchWriter.Planned;
import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport.State;
import io.callbridge.contacts.ContactImportCheck.Checked;
import io.callbridge.contacts.ContactImportHandoff.Batch;
import io.callbridge.contacts.ContactImportHandoff.Failed;
import io.callbridge.contacts.ContactImportHandoff.Item;
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
 * writes the rows a batch at a time, all in one transaction. Two threads share the work:
 * one reads and checks the file ({@link ContactImportCheck}) while the transaction's
 * thread writes the batches checked before. All or nothing: the first row with an error
 * stops the writing, the rest of the file is still checked so every error is reported,
 * and the transaction is rolled back; only a file without errors is committed, together
 * with its {@code DONE} status. Progress is written after a batch, at most once a second,
 * in a transaction of its own, so any node sees it while the import runs.
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
		Map<String, Long> usernames = this.agents.list(tenantId)
			.stream()
			.collect(Collectors.toMap(Agent::username, Agent::id));
		ContactImportCheck check = new ContactImportCheck(tenantId, mode, this.tenants.get(tenantId).defaultRegion(),
				usernames, new ContactCsvReader(file, charset), this.writer, this.contacts);
		Writes writes = new Writes(tenantId, importId);
		try {
			this.importTransaction.executeWithoutResult((status) -> {
				this.writer.prepareTransaction();
				this.writeOrder.ifAvailable((order) -> order.claim(tenantId));
				writes.writeAll(check);
				if (check.refused()) {
					status.setRollbackOnly();
				}
				else {
					this.imports.done(importId, check.rows(), writes.created, writes.updated);
				}
			});
		}
		catch (DataAccessException ex) {
			log.warn("Contact import {} of tenant {} failed; nothing was kept", importId, tenantId, ex);
			this.progressTransaction.executeWithoutResult((status) -> this.imports.ended(importId, State.FAILED, null,
					0, Text.of("import.failed", String.valueOf(ex.getMostSpecificCause().getMessage())), List.of()));
			return new Problems.Conflict(Text.of("import.failedNothingKept"));
		}
		if (check.refused()) {
			Problems.Problem problem = check.problem();
			this.progressTransaction.executeWithoutResult(
					(status) -> this.imports.ended(importId, State.REFUSED, (problem == null) ? check.rows() : null,
							check.errorRows(), (problem != null) ? problem.text() : null, check.errors()));
		}
		return check.problem();
	}

	/** The writing side of one import, on the thread of its transaction. */
	private final class Writes {

		private final long tenantId;

		private final long importId;

		// Microseconds, as both databases keep it, so every row shows the same time.
		private final Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

		private long lastProgress = System.nanoTime() - PROGRESS_NANOS;

		private long written;

		private long created;

		private long updated;

		Writes(long tenantId, long importId) {
			this.tenantId = tenantId;
			this.importId = importId;
		}

		// The file is read and checked on a thread of its own, started once the tenant's
		// write turn is held; whatever ends this loop stops that thread and waits for it,
		// so the file is never read after the import has ended.
		void writeAll(ContactImportCheck check) {
			ContactImportHandoff handoff = new ContactImportHandoff();
			Thread reading = Thread.ofPlatform()
				.name("contact-import-check-" + this.importId)
				.daemon()
				.start(() -> read(check, handoff));
			try {
				Item item = handoff.take();
				while (item instanceof Batch batch) {
					write(batch.checked());
					item = handoff.take();
				}
				if (item instanceof Failed failed) {
					throw rethrown(failed.cause());
				}
			}
			finally {
				handoff.cancel();
				awaitEnd(reading);
			}
		}

		private static void read(ContactImportCheck check, ContactImportHandoff handoff) {
			try {
				check.readAll(handoff::batch);
				handoff.end();
			}
			catch (ContactImportHandoff.Cancelled cancelled) {
				// The transaction's thread gave up; it reports why.
			}
			catch (RuntimeException | Error ex) {
				handoff.failed(ex);
			}
		}

		private void write(Checked checked) {
			List<Planned> plan = checked.plan();
			if (!plan.isEmpty()) {
				List<Planned> creates = plan.stream().filter((p) -> p.existingId() == null).toList();
				List<Planned> updates = plan.stream().filter((p) -> p.existingId() != null).toList();
				List<Long> createdIds = ContactImporter.this.writer.create(this.tenantId, creates, this.now);
				List<Long> updatedIds = updates.isEmpty() ? List.of()
						: ContactImporter.this.writer.update(this.tenantId, updates, this.now);
				this.created += createdIds.size();
				this.updated += updatedIds.size();
				this.written += plan.size();
				ContactImporter.this.events.publishEvent(new ContactsImported(this.tenantId, createdIds, updatedIds));
			}
			long nanos = System.nanoTime();
			if (nanos - this.lastProgress >= PROGRESS_NANOS) {
				this.lastProgress = nanos;
				ContactImporter.this.progressTransaction
					.executeWithoutResult((status) -> ContactImporter.this.imports.progress(this.importId,
							checked.rowsRead(), this.written, checked.bytesRead(), checked.errorRows()));
			}
		}

		private static RuntimeException rethrown(Throwable cause) {
			if (cause instanceof Error error) {
				throw error;
			}
			return (RuntimeException) cause;
		}

		// Uninterruptibly: the reading side has been cancelled and stops at its next
		// batch, and the file must not be deleted while it is still read.
		private static void awaitEnd(Thread reading) {
			boolean interrupted = false;
			while (reading.isAlive()) {
				try {
					reading.join();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
