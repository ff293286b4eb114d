package io.callbridge.contacts;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import io.callbridge.contacts.ContactImportCheck.Checked;

/**
 * Hands the checked batches of one import from the thread that reads and checks the file
 * to the thread of the import's transaction, which writes them. Bounded, so a file is
 * never read far ahead of what is written; either side can end it: the reading side with
 * {@link #end()} or {@link #failed}, the writing side with {@link #cancel()}, after which
 * the reading side stops at its next batch.
 */
final class ContactImportHandoff {

	// Two batches read ahead are enough to keep both threads busy.
	private static final int CAPACITY = 2;

	private static final long WAIT_MILLIS = 100;

	private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);

	private volatile boolean cancelled;

	/** What the reading side hands on. */
	sealed interface Item {

	}

	/**
	 * A checked batch.
	 *
	 * @param checked the batch
	 */
	record Batch(Checked checked) implements Item {
	}

	/** The file was read to its end (or refused as a whole). */
	record End() implements Item {
	}

	/**
	 * The reading side failed (a lookup the database refused, or a defect).
	 *
	 * @param cause why
	 */
	record Failed(Throwable cause) implements Item {
	}

	/**
	 * Thrown on the reading side once the writing side has given up: it unwinds the
	 * reading of the file.
	 */
	static final class Cancelled extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Cancelled() {
			super("The import's transaction ended before its file was read", null, false, false);
		}

	}

	/** Hands on a batch; waits while two are waiting to be written. */
	void batch(Checked checked) {
		if (!put(new Batch(checked))) {
			throw new Cancelled();
		}
	}

	/** Tells that the file has been read. */
	void end() {
		if (!put(new End())) {
			throw new Cancelled();
		}
	}

	/** Tells that reading failed; nobody is told when the writing side gave up first. */
	void failed(Throwable cause) {
		put(new Failed(cause));
	}

	/**
	 * The next item, for the writing side.
	 * @throws IllegalStateException when the waiting thread is interrupted (its node
	 * stops)
	 */
	Item take() {
		try {
			return this.queue.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the next batch of the import", ex);
		}
	}

	/** Stops the reading side; for the writing side, which reads no more items. */
	void cancel() {
		this.cancelled = true;
		this.queue.clear();
	}

	// False when the writing side gave up (or this thread was interrupted).
	private boolean put(Item item) {
		try {
			while (!this.queue.offer(item, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
				if (this.cancelled) {
					return false;
				}
			}
			return !this.cancelled;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
