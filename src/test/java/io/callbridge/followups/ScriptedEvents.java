package io.callbridge.followups;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Publishes {@link ScriptedEvent}s as modules publish theirs (inside a transaction, so
 * the registry keeps a publication for the listener) and finds their publications.
 */
class ScriptedEvents {

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final JdbcClient jdbc;

	ScriptedEvents(ApplicationEventPublisher events, TransactionTemplate transactions, JdbcClient jdbc) {
		this.events = events;
		this.transactions = transactions;
		this.jdbc = jdbc;
	}

	/** Publishes the event and returns the id of its publication. */
	UUID publish(long tenantId, Script script) {
		this.transactions
			.executeWithoutResult((tx) -> this.events.publishEvent(new ScriptedEvent(tenantId, script.id())));
		return publication(script).orElseThrow();
	}

	Optional<UUID> publication(Script script) {
		return this.jdbc
			.sql("SELECT id FROM event_publication WHERE serialized_event LIKE ? AND completion_date IS NULL")
			.param("%" + script.id() + "%")
			.query(UUID.class)
			.optional();
	}

	/** Waits until the publication is gone: the registry deletes completed ones. */
	void awaitCompleted(Script script, Duration atMost) {
		await().atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> publication(script).isEmpty());
	}

	/** Removes what a test left behind in a database that outlives the test. */
	void discard(Script script) {
		publication(script).ifPresent((id) -> {
			this.jdbc.sql("DELETE FROM followup_retries WHERE publication_id = ?").param(id).update();
			this.jdbc.sql("DELETE FROM event_publication WHERE id = ?").param(id).update();
		});
	}

}
