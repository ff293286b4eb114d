package io.callbridge.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored status of each agent ({@code agent_statuses}); an agent without a row counts
 * as available.
 */
@Repository
public class AgentStatuses {

	private static final RowMapper<CurrentStatus> ROW = AgentStatuses::map;

	private final JdbcClient jdbc;

	AgentStatuses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The agent's status; the agent must belong to the tenant. */
	public CurrentStatus of(long tenantId, long agentId) {
		return this.jdbc.sql("SELECT * FROM agent_statuses WHERE tenant_id = ? AND agent_id = ?")
			.params(tenantId, agentId)
			.query(ROW)
			.optional()
			.orElseGet(() -> CurrentStatus.initial(agentId));
	}

	/** The statuses of the tenant's agents that have one stored, by agent id. */
	public Map<Long, CurrentStatus> ofTenant(long tenantId) {
		Map<Long, CurrentStatus> result = new LinkedHashMap<>();
		this.jdbc.sql("SELECT * FROM agent_statuses WHERE tenant_id = ?")
			.param(tenantId)
			.query(ROW)
			.list()
			.forEach((status) -> result.put(status.agentId(), status));
		return result;
	}

	/** Stores the status of a new agent: available. */
	void start(long tenantId, long agentId, Instant at) {
		this.jdbc.sql("""
				INSERT INTO agent_statuses (agent_id, tenant_id, status, version, changed_at, changed_by)
				VALUES (?, ?, ?, 0, ?, NULL)""")
			.params(agentId, tenantId, AgentStatus.AVAILABLE.name(), Jdbc.ts(at))
			.update();
	}

	/**
	 * Reads the agent's status and locks it until the transaction ends, so that changes
	 * of one agent's status (and the pushes they plan) happen one after the other.
	 */
	CurrentStatus lock(long tenantId, long agentId, Instant now) {
		CurrentStatus locked = this.jdbc.sql("SELECT * FROM agent_statuses WHERE agent_id = ? FOR UPDATE")
			.param(agentId)
			.query(ROW)
			.optional()
			.orElse(null);
		if (locked != null) {
			return locked;
		}
		// Only an agent created before statuses existed and after the migration could
		// lack one; the insert's own row lock then serializes the rest.
		start(tenantId, agentId, now);
		return CurrentStatus.initial(agentId);
	}

	/** Writes a new status; the row is locked by {@link #lock}. */
	void write(long agentId, AgentStatus status, long version, Instant at, @Nullable Long by) {
		this.jdbc
			.sql("UPDATE agent_statuses SET status = ?, version = ?, changed_at = ?, changed_by = ? WHERE agent_id = ?")
			.params(status.name(), version, Jdbc.ts(at), by, agentId)
			.update();
	}

	private static CurrentStatus map(ResultSet rs, int row) throws SQLException {
		return new CurrentStatus(rs.getLong("agent_id"), AgentStatus.valueOf(rs.getString("status")),
				Jdbc.instant(rs, "changed_at"), Jdbc.longOrNull(rs, "changed_by"), rs.getLong("version"));
	}

}
