package io.callbridge.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import io.callbridge.telephony.StoredText;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The durable plan of availability pushes ({@code agent_availability_pushes}): per
 * (account, agent) the newest desired status and what was pushed. Every settlement names
 * the revision it pushed, so a desired state written while a push was under way stays
 * pending, and a push of an older status version never overwrites a newer one.
 */
@Repository
public class AvailabilityPushes {

	private static final int ERROR_WIDTH = 1000;

	private static final RowMapper<AvailabilityPush> ROW = AvailabilityPushes::map;

	private final JdbcClient jdbc;

	AvailabilityPushes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Writes a new desired state, due now. Callers hold the agent's status lock, so two
	 * plans for one agent never race.
	 * @param forget whether what was pushed no longer counts (another extension now)
	 */
	void plan(long tenantId, long accountId, long agentId, CurrentStatus status, Instant now, boolean forget) {
		int updated = this.jdbc.sql("""
				UPDATE agent_availability_pushes SET desired_status = ?, desired_version = ?, revision = revision + 1,
				  attempts = 0, next_attempt_at = ?, pushed_version = CASE WHEN ? THEN NULL ELSE pushed_version END
				WHERE account_id = ? AND agent_id = ?""")
			.params(status.status().name(), status.version(), Jdbc.ts(now), forget, accountId, agentId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO agent_availability_pushes (account_id, agent_id, tenant_id, desired_status,
					  desired_version, revision, attempts, next_attempt_at)
					VALUES (?, ?, ?, ?, ?, 1, 0, ?)""")
				.params(accountId, agentId, tenantId, status.status().name(), status.version(), Jdbc.ts(now))
				.update();
		}
	}

	/** Forgets the pushes of an agent on an account (the extension was removed). */
	void remove(long accountId, long agentId) {
		this.jdbc.sql("DELETE FROM agent_availability_pushes WHERE account_id = ? AND agent_id = ?")
			.params(accountId, agentId)
			.update();
	}

	/**
	 * Forgets a push whose extension is gone, unless a newer desired state came since.
	 */
	void removeIfUnchanged(AvailabilityPush push) {
		this.jdbc.sql("DELETE FROM agent_availability_pushes WHERE account_id = ? AND agent_id = ? AND revision = ?")
			.params(push.accountId(), push.agentId(), push.revision())
			.update();
	}

	/** Whether any push is due at the time given (the database's). */
	boolean anyDue(Instant now) {
		return this.jdbc
			.sql("SELECT 1 FROM agent_availability_pushes WHERE next_attempt_at <= ? FETCH FIRST 1 ROWS ONLY")
			.param(Jdbc.ts(now))
			.query(Integer.class)
			.optional()
			.isPresent();
	}

	/** The pushes due at {@code now}, longest waiting first. */
	List<AvailabilityPush> due(Instant now, int limit) {
		return this.jdbc.sql("""
				SELECT * FROM agent_availability_pushes WHERE next_attempt_at <= ?
				ORDER BY next_attempt_at FETCH FIRST ? ROWS ONLY""").params(Jdbc.ts(now), limit).query(ROW).list();
	}

	public Optional<AvailabilityPush> find(long accountId, long agentId) {
		return this.jdbc.sql("SELECT * FROM agent_availability_pushes WHERE account_id = ? AND agent_id = ?")
			.params(accountId, agentId)
			.query(ROW)
			.optional();
	}

	/** The agent's pushes, by account. */
	public List<AvailabilityPush> ofAgent(long agentId) {
		return this.jdbc.sql("SELECT * FROM agent_availability_pushes WHERE agent_id = ? ORDER BY account_id")
			.param(agentId)
			.query(ROW)
			.list();
	}

	/** The tenant's pushes whose last attempt failed, by agent. */
	public Map<Long, List<AvailabilityPush>> failing(long tenantId) {
		Map<Long, List<AvailabilityPush>> result = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT * FROM agent_availability_pushes WHERE tenant_id = ? AND last_error IS NOT NULL
				ORDER BY agent_id, account_id""")
			.param(tenantId)
			.query(ROW)
			.list()
			.forEach((push) -> result.computeIfAbsent(push.agentId(), (id) -> new ArrayList<>()).add(push));
		return result;
	}

	/**
	 * Settles a successful push of {@code push}'s desired state: settled for good unless
	 * a newer desired state was written meanwhile (then it stays due).
	 */
	void pushed(AvailabilityPush push, String extension, Instant at) {
		this.jdbc.sql("""
				UPDATE agent_availability_pushes SET pushed_status = ?, pushed_version = ?, pushed_extension = ?,
				  pushed_at = ?, last_error = NULL, last_error_at = NULL,
				  attempts = CASE WHEN revision = ? THEN 0 ELSE attempts END,
				  next_attempt_at = CASE WHEN revision = ? THEN NULL ELSE next_attempt_at END
				WHERE account_id = ? AND agent_id = ? AND (pushed_version IS NULL OR pushed_version <= ?)""")
			.params(push.desiredStatus().name(), push.desiredVersion(), extension, Jdbc.ts(at), push.revision(),
					push.revision(), push.accountId(), push.agentId(), push.desiredVersion())
			.update();
	}

	/**
	 * Records a failed attempt and when to try again; a newer desired state written
	 * meanwhile keeps its own (earlier) due time.
	 */
	void failed(AvailabilityPush push, Text error, Instant at, Instant next) {
		this.jdbc.sql("""
				UPDATE agent_availability_pushes SET last_error = ?, last_error_at = ?,
				  attempts = CASE WHEN revision = ? THEN attempts + 1 ELSE attempts END,
				  next_attempt_at = CASE WHEN revision = ? THEN ? ELSE next_attempt_at END
				WHERE account_id = ? AND agent_id = ?""")
			.params(StoredText.store(error, ERROR_WIDTH), Jdbc.ts(at), push.revision(), push.revision(), Jdbc.ts(next),
					push.accountId(), push.agentId())
			.update();
	}

	private static AvailabilityPush map(ResultSet rs, int row) throws SQLException {
		String pushed = rs.getString("pushed_status");
		return new AvailabilityPush(rs.getLong("account_id"), rs.getLong("agent_id"),
				AgentStatus.valueOf(rs.getString("desired_status")), rs.getLong("desired_version"),
				rs.getLong("revision"), (pushed != null) ? AgentStatus.valueOf(pushed) : null,
				Jdbc.longOrNull(rs, "pushed_version"), rs.getString("pushed_extension"), Jdbc.instant(rs, "pushed_at"),
				rs.getInt("attempts"), Jdbc.instant(rs, "next_attempt_at"), StoredText.read(rs.getString("last_error")),
				Jdbc.instant(rs, "last_error_at"));
	}

}
