package io.callbridge.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * A contacts CSV import as any node sees it in the database: how far it got, how it
 * ended, and the first errors of a refused file.
 *
 * @param id the import
 * @param state where it is
 * @param fileName the uploaded file's name, if known
 * @param mode create only, or update by external id
 * @param rowsRead data rows read so far
 * @param rowsWritten contacts written so far (in the import's transaction: seen by others
 * only once it is {@link State#DONE})
 * @param rowsTotal data rows of the file, known when it has been read to its end
 * @param bytesRead bytes of the file read so far
 * @param bytesTotal the file's size in bytes
 * @param created contacts created (when done)
 * @param updated contacts updated (when done)
 * @param errorRows rows with errors (all of them, even beyond the ones listed)
 * @param problem why the whole file was refused or failed, if it was
 * @param errors the first errors per cell, in file order
 * @param createdAt when it was uploaded
 * @param finishedAt when it ended
 */
public record ContactImport(long id, State state, @Nullable String fileName, ImportMode mode, long rowsRead,
		long rowsWritten, @Nullable Long rowsTotal, long bytesRead, long bytesTotal, long created, long updated,
		long errorRows, @Nullable Text problem, List<CellError> errors, Instant createdAt,
		@Nullable Instant finishedAt) {

	/** Where an import is. */
	public enum State {

		/** Uploaded; waiting for its turn on the node that received it. */
		QUEUED,

		/** Being read, checked and written. */
		RUNNING,

		/** Every row was imported. */
		DONE,

		/** Nothing was imported: rows have errors or the file cannot be read. */
		REFUSED,

		/**
		 * Nothing was imported: the database refused the writes (e.g. a concurrent
		 * change).
		 */
		FAILED,

		/**
		 * Nothing was imported: the node running it stopped (its heartbeat is older than
		 * a minute on the database's clock); upload the file again.
		 */
		INTERRUPTED;

		/** Whether the import has ended, one way or another. */
		public boolean finished() {
			return this != QUEUED && this != RUNNING;
		}

	}

	/**
	 * One error of one cell (or of a whole row when the column is {@code null}).
	 *
	 * @param line the 1-based line of the row in the file (the header is line 1)
	 * @param column the CSV column, lower case; {@code null} for the row or the file
	 * @param message what is wrong
	 */
	public record CellError(long line, @Nullable String column, Text message) {
	}

	/**
	 * The outcome in the shape of a synchronous import's report (errors grouped by line).
	 */
	public ContactCsv.ImportReport report() {
		Map<Long, List<Text>> byLine = new LinkedHashMap<>();
		this.errors
			.forEach((error) -> byLine.computeIfAbsent(error.line(), (line) -> new ArrayList<>()).add(error.message()));
		List<ContactCsv.RowError> lines = byLine.entrySet()
			.stream()
			.map((entry) -> new ContactCsv.RowError(entry.getKey(), entry.getValue()))
			.toList();
		long rows = (this.rowsTotal != null) ? this.rowsTotal : this.rowsRead;
		int imported = (this.state == State.DONE) ? (int) (this.created + this.updated) : 0;
		return new ContactCsv.ImportReport((int) rows, imported, (this.state == State.DONE) ? (int) this.created : 0,
				(this.state == State.DONE) ? (int) this.updated : 0, lines);
	}

	/**
	 * Progress in percent, by bytes read (the number of rows is known only at the end).
	 */
	public int percent() {
		if (this.state == State.DONE) {
			return 100;
		}
		return (this.bytesTotal <= 0) ? 0 : (int) Math.min(99, this.bytesRead * 100 / this.bytesTotal);
	}

}
