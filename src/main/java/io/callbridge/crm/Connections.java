package io.callbridge.crm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.RowLocks;
import io.callbridge.shared.ShortLivedCache;
import io.callbridge.shared.Text;
import io.callbridge.telephony.StoredText;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The connections' rows ({@code crm_connections} with their accounts in
 * {@code crm_connection_accounts}): what is stored and how a registration's outcome is
 * written. Credentials are stored as given (already encrypted); nothing is cached, so
 * every node reads the same.
 */
@Repository
class Connections {

	/** Width of the registration message column. */
	static final int MESSAGE_WIDTH = 4000;

	/** Width of the lists of unknown codes and user ids. */
	static final int LIST_WIDTH = 2000;

	private static final int ANSWER_WIDTH = 1024;

	private final ShortLivedCache<Long, Boolean> enabledByTenant = new ShortLivedCache<>(Duration.ofSeconds(5));

	private final JdbcClient jdbc;

	// Deliveries insert rows that refer to the connection while its row is locked.
	private final RowLocks locks;

	Connections(JdbcClient jdbc, RowLocks locks) {
		this.jdbc = jdbc;
		this.locks = locks;
	}

	Optional<StoredConnection> find(long id) {
		return this.jdbc.sql("SELECT * FROM crm_connections WHERE id = ?").param(id).query(this::map).optional();
	}

	Optional<StoredConnection> find(long tenantId, long id) {
		return find(id).filter((c) -> c.tenantId() == tenantId);
	}

	List<StoredConnection> list(long tenantId) {
		return this.jdbc.sql("SELECT * FROM crm_connections WHERE tenant_id = ? ORDER BY id")
			.param(tenantId)
			.query(this::map)
			.list();
	}

	/** The enabled connection of a connector with this client id, if any. */
	Optional<StoredConnection> findEnabledByClientId(String connector, String clientId) {
		return this.jdbc.sql("SELECT * FROM crm_connections WHERE client_id = ? AND connector = ? AND enabled = TRUE")
			.params(clientId, connector)
			.query(this::map)
			.optional();
	}

	/**
	 * Whether the tenant has an enabled connection, through a short-lived cache: for the
	 * call-start decision of every inbound call, which asks the connections serving the
	 * account for the caller's responsible. Changes made here are seen at once; on other
	 * nodes within seconds (a decision meanwhile routes as without the connection).
	 */
	boolean anyEnabledCached(long tenantId) {
		return this.enabledByTenant.get(tenantId, (id) -> Optional.of(anyEnabled(id))).orElse(false);
	}

	/** Whether the tenant has an enabled connection. */
	boolean anyEnabled(long tenantId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM crm_connections WHERE tenant_id = ? AND enabled = TRUE")
			.param(tenantId)
			.query(Long.class)
			.single() > 0;
	}

	/** The enabled connections serving an account, oldest first. */
	List<StoredConnection> serving(long tenantId, long accountId) {
		return this.jdbc.sql("""
				SELECT c.* FROM crm_connections c JOIN crm_connection_accounts a ON a.connection_id = c.id
				WHERE c.tenant_id = ? AND a.account_id = ? AND c.enabled = TRUE ORDER BY c.id""")
			.params(tenantId, accountId)
			.query(this::map)
			.list();
	}

	/**
	 * The ids of enabled connections that were connected once: the re-registration's
	 * candidates.
	 */
	List<Long> connectedOnce() {
		return this.jdbc
			.sql("SELECT id FROM crm_connections WHERE enabled = TRUE AND registration_state <> ? ORDER BY id")
			.param(RegistrationState.NEVER.name())
			.query(Long.class)
			.list();
	}

	boolean integrationCodeTaken(long tenantId, String connector, String code, @Nullable Long except) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM crm_connections
				WHERE tenant_id = ? AND connector = ? AND integration_code = ? AND id <> ?""")
			.params(tenantId, connector, code, (except != null) ? except : -1L)
			.query(Long.class)
			.single() > 0;
	}

	long insert(long tenantId, ValidConnection valid, String clientId, String credentials, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO crm_connections (tenant_id, connector, name, base_url, integration_code, client_id,
				  public_base_url, responsible_from_crm, enabled, settings, credentials, registration_state,
				  registration_unknown_user_ids, registration_failures, unknown_codes, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', 0, '[]', ?, ?)""")
			.params(tenantId, valid.connector(), valid.name(), valid.baseUrl(), valid.integrationCode(), clientId,
					valid.publicBaseUrl(), valid.responsibleFromCrm(), valid.enabled(), CrmJson.map(valid.settings()),
					credentials, RegistrationState.NEVER.name(), Jdbc.ts(now), Jdbc.ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		writeAccounts(id, valid.accountIds());
		this.enabledByTenant.evictAll();
		return id;
	}

	void update(long id, ValidConnection valid, String credentials, Instant now) {
		this.jdbc.sql("""
				UPDATE crm_connections SET name = ?, base_url = ?, integration_code = ?, public_base_url = ?,
				  responsible_from_crm = ?, enabled = ?, settings = ?, credentials = ?, updated_at = ?
				WHERE id = ?""")
			.params(valid.name(), valid.baseUrl(), valid.integrationCode(), valid.publicBaseUrl(),
					valid.responsibleFromCrm(), valid.enabled(), CrmJson.map(valid.settings()), credentials,
					Jdbc.ts(now), id)
			.update();
		this.jdbc.sql("DELETE FROM crm_connection_accounts WHERE connection_id = ?").param(id).update();
		writeAccounts(id, valid.accountIds());
		this.enabledByTenant.evictAll();
	}

	void setEndpoint(long id, long endpointId) {
		this.jdbc.sql("UPDATE crm_connections SET endpoint_id = ? WHERE id = ?").params(endpointId, id).update();
	}

	void delete(long id) {
		this.jdbc.sql("DELETE FROM crm_connections WHERE id = ?").param(id).update();
		this.enabledByTenant.evictAll();
	}

	/**
	 * Marks a connected connection to be registered again now (a no-op for one never
	 * connected: nothing is registered until the admin connects it).
	 */
	void pending(long id, Instant now) {
		this.jdbc.sql("""
				UPDATE crm_connections SET registration_state = ?, registration_failures = 0, next_registration_at = ?
				WHERE id = ? AND registration_state <> ?""")
			.params(RegistrationState.PENDING.name(), Jdbc.ts(now), id, RegistrationState.NEVER.name())
			.update();
	}

	/**
	 * The CRM took the registration: what it did not know replaces what deliveries said.
	 */
	void registered(long id, Instant at, Text message, String answer, List<String> unknownUserIds, String fingerprint) {
		this.jdbc.sql("""
				UPDATE crm_connections SET registration_state = ?, registration_at = ?, registration_message = ?,
				  registration_answer = ?, registration_unknown_user_ids = ?, registration_fingerprint = ?,
				  registration_failures = 0, next_registration_at = NULL, unknown_codes = '[]'
				WHERE id = ?""")
			.params(RegistrationState.REGISTERED.name(), Jdbc.ts(at), StoredText.store(message, MESSAGE_WIDTH),
					cut(answer, ANSWER_WIDTH), CrmJson.list(unknownUserIds, LIST_WIDTH), fingerprint, id)
			.update();
	}

	/**
	 * The registration failed: {@code PENDING} with the next attempt's time when
	 * retryable, else {@code FAILED}.
	 */
	void failed(long id, Instant at, Text message, @Nullable String answer, String fingerprint, int failures,
			@Nullable Instant next) {
		RegistrationState state = (next != null) ? RegistrationState.PENDING : RegistrationState.FAILED;
		this.jdbc.sql("""
				UPDATE crm_connections SET registration_state = ?, registration_at = ?, registration_message = ?,
				  registration_answer = ?, registration_fingerprint = ?, registration_failures = ?,
				  next_registration_at = ?
				WHERE id = ?""")
			.params(state.name(), Jdbc.ts(at), StoredText.store(message, MESSAGE_WIDTH),
					(answer != null) ? cut(answer, ANSWER_WIDTH) : null, fingerprint, failures, Jdbc.ts(next), id)
			.update();
	}

	/**
	 * Locks the connection's row until the transaction ends: whoever changes the
	 * connection's managers takes it first, as a delivery reporting unknown codes does,
	 * so the two never wait for each other in opposite orders.
	 */
	void lock(long id) {
		this.jdbc.sql("SELECT id FROM crm_connections WHERE id = ?" + this.locks.forUpdate())
			.param(id)
			.query(Long.class)
			.optional();
	}

	/**
	 * Adds the codes to the connection's unknown ones; locks the row so two deliveries
	 * reporting at once both count.
	 */
	void addUnknownCodes(long id, List<String> codes) {
		Optional<String> stored = this.jdbc
			.sql("SELECT unknown_codes FROM crm_connections WHERE id = ?" + this.locks.forUpdate())
			.param(id)
			.query(String.class)
			.optional();
		if (stored.isEmpty()) {
			return;
		}
		LinkedHashSet<String> all = new LinkedHashSet<>(CrmJson.list(stored.get()));
		if (all.addAll(codes)) {
			this.jdbc.sql("UPDATE crm_connections SET unknown_codes = ? WHERE id = ?")
				.params(CrmJson.list(List.copyOf(all), LIST_WIDTH), id)
				.update();
		}
	}

	private void writeAccounts(long id, List<Long> accountIds) {
		for (int i = 0; i < accountIds.size(); i++) {
			this.jdbc.sql("INSERT INTO crm_connection_accounts (connection_id, account_id, position) VALUES (?, ?, ?)")
				.params(id, accountIds.get(i), i)
				.update();
		}
	}

	private List<Long> accounts(long id) {
		return this.jdbc.sql("SELECT account_id FROM crm_connection_accounts WHERE connection_id = ? ORDER BY position")
			.param(id)
			.query(Long.class)
			.list();
	}

	private StoredConnection map(ResultSet rs, int row) throws SQLException {
		long id = rs.getLong("id");
		Map<String, String> settings = CrmJson.map(rs.getString("settings"));
		CrmConnection connection = new CrmConnection(id, rs.getLong("tenant_id"), rs.getString("connector"),
				rs.getString("name"), rs.getString("base_url"), rs.getString("integration_code"),
				rs.getString("client_id"), rs.getString("public_base_url"), accounts(id),
				rs.getBoolean("responsible_from_crm"), rs.getBoolean("enabled"), settings,
				Jdbc.longOrNull(rs, "endpoint_id"));
		return new StoredConnection(connection, rs.getString("credentials"),
				RegistrationState.valueOf(rs.getString("registration_state")), Jdbc.instant(rs, "registration_at"),
				StoredText.read(rs.getString("registration_message")), rs.getString("registration_answer"),
				CrmJson.list(rs.getString("registration_unknown_user_ids")), rs.getString("registration_fingerprint"),
				rs.getInt("registration_failures"), Jdbc.instant(rs, "next_registration_at"),
				CrmJson.list(rs.getString("unknown_codes")), Jdbc.instant(rs, "created_at"),
				Jdbc.instant(rs, "updated_at"));
	}

	private static String cut(String value, int width) {
		return (value.length() <= width) ? value : value.substring(0, width);
	}

}
