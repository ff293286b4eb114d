package io.callbridge.contacts;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.callbridge.contacts.ContactImportCheck.Checked;
import io.callbridge.contacts.ContactImportHandoff.Batch;
import io.callbridge.contacts.ContactImportHandoff.Cancelled;
import io.callbridge.contacts.ContactImportHandoff.End;
import io.callbridge.contacts.ContactImportHandoff.Failed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-off between the thread that reads and checks an import's file and the thread
 * that writes it: batches arrive in order, a failure of the reading side reaches the
 * writing side, and the writing side giving up stops a reading side that waits.
 */
class ContactImportHandoffTest {

	@Test
	void handsOnBatchesInTheOrderTheyWereCheckedThenTheEnd() {
		ContactImportHandoff handoff = new ContactImportHandoff();
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
			for (int i = 1; i <= 5; i++) {
				handoff.batch(checked(i));
			}
			handoff.end();
		});

		for (int i = 1; i <= 5; i++) {
			assertThat(((Batch) handoff.take()).checked().rowsRead()).isEqualTo(i);
		}
		assertThat(handoff.take()).isInstanceOf(End.class);
		assertThat(reading).succeedsWithin(Duration.ofSeconds(5));
	}

	@Test
	void passesAFailureOfTheReadingSideOn() {
		ContactImportHandoff handoff = new ContactImportHandoff();
		IllegalStateException failure = new IllegalStateException("lookup refused");

		handoff.failed(failure);

		assertThat(handoff.take()).isInstanceOfSatisfying(Failed.class,
				(failed) -> assertThat(failed.cause()).isSameAs(failure));
	}

	@Test
	void stopsAReadingSideThatWaitsOnceTheWritingSideGivesUp() throws Exception {
		ContactImportHandoff handoff = new ContactImportHandoff();
		CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> {
			for (int i = 1; i <= 10; i++) {
				handoff.batch(checked(i));
			}
		});
		handoff.take();

		handoff.cancel();

		assertThatThrownBy(() -> reading.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(Cancelled.class);
	}

	@Test
	void refusesNewBatchesOnceCancelled() {
		ContactImportHandoff handoff = new ContactImportHandoff();

		handoff.cancel();

		assertThatThrownBy(() -> handoff.batch(checked(1))).isInstanceOf(Cancelled.class);
		assertThatThrownBy(handoff::end).isInstanceOf(Cancelled.class);
	}

	private static Checked checked(long rows) {
		return new Checked(List.of(), rows, rows * 10, 0);
	}

}
