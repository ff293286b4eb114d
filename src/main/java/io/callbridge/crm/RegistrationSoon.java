package io.callbridge.crm;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.callbridge.coordination.DatabaseClock;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Registers a connection again right after an admin's change to what it declares (its
 * settings, its managers) is committed, instead of at the job's next check: the admin
 * sees the CRM's answer on the connection's page moments later. In the background, so the
 * save does not wait for the CRM; a failure here is retried by the job as usual.
 */
@Component
class RegistrationSoon {

	private static final Logger log = LoggerFactory.getLogger(RegistrationSoon.class);

	private final Connections connections;

	private final Registrations registrations;

	private final DatabaseClock clock;

	private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();

	RegistrationSoon(Connections connections, Registrations registrations, DatabaseClock clock) {
		this.connections = connections;
		this.registrations = registrations;
		this.clock = clock;
	}

	/** After the caller's transaction commits: registers the connection if it is due. */
	void afterCommit(long connectionId) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.background.execute(() -> registerIfDue(connectionId));
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				RegistrationSoon.this.background.execute(() -> registerIfDue(connectionId));
			}
		});
	}

	/**
	 * After the caller's transaction commits: switches the integration off in the CRM
	 * (from what the connection was before it was disabled or deleted).
	 */
	void deactivateAfterCommit(StoredConnection before) {
		Runnable deactivate = () -> this.registrations.deactivate(before);
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			this.background.execute(deactivate);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				RegistrationSoon.this.background.execute(deactivate);
			}
		});
	}

	private void registerIfDue(long connectionId) {
		try {
			this.connections.find(connectionId)
				.filter((stored) -> stored.connection().enabled() && this.registrations.due(stored, this.clock.now()))
				.ifPresent(this.registrations::register);
		}
		catch (RuntimeException ex) {
			log.warn("Registering CRM connection {} after its change failed; the job tries again", connectionId, ex);
		}
	}

	@PreDestroy
	void stop() {
		this.background.shutdownNow();
	}

}
