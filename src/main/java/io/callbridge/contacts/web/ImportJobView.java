package io.callbridge.contacts.web;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.callbridge.contacts.ContactImport;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;

/**
 * A contact import's progress and outcome as the API and the import page's progress bar
 * show it, with its messages in the reader's language.
 *
 * @param id the import
 * @param state QUEUED, RUNNING, DONE, REFUSED, FAILED or INTERRUPTED
 * @param finished whether it has ended
 * @param fileName the uploaded file's name, if known
 * @param mode CREATE or UPSERT
 * @param percent progress by bytes of the file read (100 when done)
 * @param rowsRead data rows read so far
 * @param rowsWritten contacts written so far (visible to others only when done)
 * @param rowsTotal the file's data rows, once read to its end
 * @param created contacts created (when done)
 * @param updated contacts updated (when done)
 * @param errorRows rows with errors, all of them
 * @param problem why the whole file was refused or failed, if it was
 * @param errors the first errors per cell (line, column, message)
 * @param createdAt when it was uploaded
 * @param finishedAt when it ended
 */
record ImportJobView(long id, String state, boolean finished, @Nullable String fileName, String mode, int percent,
		long rowsRead, long rowsWritten, @Nullable Long rowsTotal, long created, long updated, long errorRows,
		@Nullable String problem, List<CellErrorView> errors, Instant createdAt, @Nullable Instant finishedAt) {

	static ImportJobView of(ContactImport job, MessageSource messages, Locale locale) {
		return new ImportJobView(job.id(), job.state().name(), job.state().finished(), job.fileName(),
				job.mode().name(), job.percent(), job.rowsRead(), job.rowsWritten(), job.rowsTotal(), job.created(),
				job.updated(), job.errorRows(), (job.problem() != null) ? job.problem().in(messages, locale) : null,
				job.errors()
					.stream()
					.map((error) -> new CellErrorView(error.line(), error.column(),
							error.message().in(messages, locale)))
					.toList(),
				job.createdAt(), job.finishedAt());
	}

	/**
	 * One error of a refused import.
	 *
	 * @param line the line in the file (the header is line 1)
	 * @param column the CSV column, or {@code null} for the whole row
	 * @param message what is wrong
	 */
	record CellErrorView(long line, @Nullable String column, String message) {
	}

}
