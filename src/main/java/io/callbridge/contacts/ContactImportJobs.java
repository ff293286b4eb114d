package io.callbridge.contacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.callbridge.contacts.ContactCsv.ImportMode;
import io.callbridge.contacts.ContactImport.State;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Starts contact CSV imports as jobs: the upload is streamed to a temporary file, a
 * status row is written, and the import runs on a background thread of this node,
 * outliving the request. While it runs this node beats its heartbeat, so any node can
 * tell a running import from one whose node stopped.
 */
@Service
public class ContactImportJobs {

	private static final Logger log = LoggerFactory.getLogger(ContactImportJobs.class);

	// Two at a time: the database is the limit, and imports of one tenant take turns on
	// its write lock anyway; more wait in the queue (their status says QUEUED).
	private static final int CONCURRENT_IMPORTS = 2;

	private static final long BEAT_SECONDS = 15;

	private final ContactImporter importer;

	private final ContactImports imports;

	private final ExecutorService workers = Executors.newFixedThreadPool(CONCURRENT_IMPORTS,
			Thread.ofPlatform().name("contact-import-", 1).daemon().factory());

	private final ScheduledExecutorService heart = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("contact-import-heartbeat").daemon().factory());

	private final Set<Long> mine = ConcurrentHashMap.newKeySet();

	ContactImportJobs(ContactImporter importer, ContactImports imports) {
		this.importer = importer;
		this.imports = imports;
		this.heart.scheduleWithFixedDelay(this::beat, BEAT_SECONDS, BEAT_SECONDS, TimeUnit.SECONDS);
	}

	/**
	 * Starts an import in the background.
	 * @param tenantId the tenant
	 * @param upload the file as it arrives (read to its end here)
	 * @param fileName its name, if known
	 * @param charset its encoding
	 * @param mode create only, or update by external id
	 * @return the import's id, for {@link ContactImports#get}
	 */
	public long start(long tenantId, InputStream upload, @Nullable String fileName, Charset charset, ImportMode mode) {
		Path file = spool(upload);
		long id = register(tenantId, file, fileName, mode);
		this.workers.execute(() -> runAndClean(tenantId, id, file, charset, mode));
		return id;
	}

	/**
	 * Runs an import in the calling thread (the synchronous API), recorded as a job too.
	 * @return how it ended
	 * @throws Problems.Problem when the whole file was refused (unreadable, no name
	 * column) or the database refused the writes
	 */
	public ContactImport run(long tenantId, InputStream upload, @Nullable String fileName, Charset charset,
			ImportMode mode) {
		Path file = spool(upload);
		long id = register(tenantId, file, fileName, mode);
		Problems.Problem refused = runAndClean(tenantId, id, file, charset, mode);
		if (refused != null) {
			throw refused;
		}
		return this.imports.get(tenantId, id);
	}

	private long register(long tenantId, Path file, @Nullable String fileName, ImportMode mode) {
		try {
			long id = this.imports.create(tenantId, fileName, mode, Files.size(file));
			this.mine.add(id);
			return id;
		}
		catch (IOException | RuntimeException ex) {
			delete(file);
			throw (ex instanceof RuntimeException runtime) ? runtime : new UncheckedIOException((IOException) ex);
		}
	}

	private Problems.@Nullable Problem runAndClean(long tenantId, long id, Path file, Charset charset,
			ImportMode mode) {
		try {
			return this.importer.run(tenantId, id, file, charset, mode);
		}
		catch (RuntimeException ex) {
			log.error("Contact import {} of tenant {} failed", id, tenantId, ex);
			this.imports.ended(id, State.FAILED, null, 0, Text.of("import.failed", String.valueOf(ex.getMessage())),
					List.of());
			return new Problems.Conflict(Text.of("import.failedNothingKept"));
		}
		finally {
			this.mine.remove(id);
			delete(file);
		}
	}

	private void beat() {
		try {
			this.imports.beat(List.copyOf(this.mine));
		}
		catch (RuntimeException ex) {
			log.warn("Could not beat the heartbeat of contact imports {}", this.mine, ex);
		}
	}

	// On disk, not in memory: a file of a million rows is ~100 MB.
	private static Path spool(InputStream upload) {
		try {
			Path file = Files.createTempFile("callbridge-contact-import-", ".csv");
			try (upload) {
				Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
			}
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path file) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			log.warn("Could not delete {}", file, ex);
		}
	}

	@PreDestroy
	void stop() {
		this.heart.shutdownNow();
		this.workers.shutdownNow();
	}

}
