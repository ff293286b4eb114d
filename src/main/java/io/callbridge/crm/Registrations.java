package io.callbridge.crm;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Registers connections in their CRMs and keeps the outcome as the connection's status:
 * what is declared (Callbridge's URLs, each related manager's user id and code), the
 * CRM's answer, and a fingerprint of what was sent, so a later change of codes,
 * extensions or URLs is noticed and registered again. A retryable failure is tried again
 * after 1 min, 5 min, 15 min, then every hour; a refusal waits for the admin. Runs
 * outside any transaction: the CRM's answer may take seconds.
 */
@Component
class Registrations {

	/** The waits after the first, second, … retryable failure; the last repeats. */
	static final List<Duration> RETRY_DELAYS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(15), Duration.ofHours(1));

	private static final Logger log = LoggerFactory.getLogger(Registrations.class);

	private final Connections connections;

	private final Managers managers;

	private final Connectors connectors;

	private final Credentials credentials;

	private final DatabaseClock clock;

	Registrations(Connections connections, Managers managers, Connectors connectors, Credentials credentials,
			DatabaseClock clock) {
		this.connections = connections;
		this.managers = managers;
		this.connectors = connectors;
		this.credentials = credentials;
		this.clock = clock;
	}

	/** What registering the connection declares now. */
	CrmRegistration registrationOf(CrmConnection connection) {
		String base = connection.publicBaseUrl();
		return new CrmRegistration(base, base + "/admin/crm/" + connection.id(),
				this.managers.related(connection).stream().filter((m) -> m.code() != null).toList(),
				connection.enabled());
	}

	/**
	 * Whether the connection is to be registered now: pending and due, or registered (or
	 * refused) for something other than what it would declare now.
	 */
	boolean due(StoredConnection stored, Instant now) {
		return switch (stored.state()) {
			case NEVER -> false;
			case PENDING -> stored.nextRegistrationAt() == null || !stored.nextRegistrationAt().isAfter(now);
			case REGISTERED, FAILED ->
				!fingerprint(stored.connection(), registrationOf(stored.connection())).equals(stored.fingerprint());
		};
	}

	/**
	 * Switches the integration off in the CRM (the connection was disabled or deleted),
	 * so the CRM stops offering click-to-call through Callbridge. Best effort: what came
	 * of it is logged; a CRM that is down keeps showing the integration until the admin
	 * switches it off there.
	 */
	void deactivate(StoredConnection stored) {
		CrmConnection connection = stored.connection();
		Optional<CrmConnector> connector = this.connectors.find(connection.connector());
		if (connector.isEmpty()) {
			return;
		}
		CrmRegistration registration = registrationOf(connection);
		CrmRegistration inactive = new CrmRegistration(registration.publicBaseUrl(), registration.connectionPageUrl(),
				registration.managers(), false);
		try {
			CrmRegistrationResult result = connector.get()
				.register(connection, this.credentials.open(stored.credentials()), inactive);
			if (result instanceof CrmRegistrationResult.Failed failed) {
				log.warn("Could not switch off the integration of CRM connection {} in the CRM: {}", connection.id(),
						failed.reason().localized());
			}
			else {
				log.info("Switched off the integration of CRM connection {} in the CRM", connection.id());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Connector {} failed switching off connection {}", connection.connector(), connection.id(), ex);
		}
	}

	/** Registers the connection now and stores what came of it. */
	void register(StoredConnection stored) {
		CrmConnection connection = stored.connection();
		CrmRegistration registration = registrationOf(connection);
		String fingerprint = fingerprint(connection, registration);
		Optional<CrmConnector> connector = this.connectors.find(connection.connector());
		if (connector.isEmpty()) {
			this.connections.failed(connection.id(), this.clock.now(),
					Text.of("crm.connector.missing", connection.connector()), null, fingerprint, 0, null);
			return;
		}
		CrmRegistrationResult result;
		try {
			result = connector.get().register(connection, this.credentials.open(stored.credentials()), registration);
		}
		catch (RuntimeException ex) {
			// A connector answers with values; one that throws is a bug, kept from the
			// admin's view but not from the log.
			log.warn("Connector {} failed registering connection {}", connection.connector(), connection.id(), ex);
			result = new CrmRegistrationResult.Failed(null, Text.of("crm.registration.error"), true);
		}
		stored(stored, registration, fingerprint, result);
	}

	private void stored(StoredConnection stored, CrmRegistration registration, String fingerprint,
			CrmRegistrationResult result) {
		Instant now = this.clock.now();
		long id = stored.id();
		switch (result) {
			case CrmRegistrationResult.Registered registered -> {
				this.connections.registered(id, now,
						Text.of("crm.registration.registered", registration.managers().size()), registered.answer(),
						registered.unknownUserIds(), fingerprint);
				this.managers.resetUnknown(id, registered.unknownUserIds());
			}
			case CrmRegistrationResult.Failed failed -> failed(stored, now, fingerprint, failed);
		}
	}

	// Retryable: pending again after the next wait; else failed until the admin acts.
	private void failed(StoredConnection stored, Instant now, String fingerprint, CrmRegistrationResult.Failed failed) {
		if (!failed.retryable()) {
			this.connections.failed(stored.id(), now, failed.reason(), null, fingerprint, 0, null);
			return;
		}
		int failures = stored.failures() + 1;
		Instant next = now.plus(RETRY_DELAYS.get(Math.min(failures, RETRY_DELAYS.size()) - 1));
		this.connections.failed(stored.id(), now, Text.of("crm.registration.retrying", failed.reason()), null,
				fingerprint, failures, next);
	}

	/**
	 * A hash of what a registration declares: the CRM's address and code, Callbridge's
	 * URLs and every manager's user id and code.
	 */
	static String fingerprint(CrmConnection connection, CrmRegistration registration) {
		StringBuilder declared = new StringBuilder().append(connection.baseUrl())
			.append('\n')
			.append(connection.integrationCode())
			.append('\n')
			.append(registration.publicBaseUrl())
			.append('\n')
			.append(registration.connectionPageUrl());
		for (CrmManager manager : registration.managers()) {
			declared.append('\n')
				.append(manager.agentId())
				.append('\t')
				.append(manager.crmUserId())
				.append('\t')
				.append(manager.code());
		}
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256")
				.digest(declared.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
