package io.callbridge.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.Agents;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The agents' relation to a connection's CRM users ({@code crm_managers}) and the codes
 * the CRM knows them by: an admin's override, else the agent's extension on the first of
 * the connection's accounts where they have one (read from the agents module each time,
 * so a changed extension counts at once on every node).
 */
@Repository
class Managers {

	private final JdbcClient jdbc;

	private final Agents agents;

	Managers(JdbcClient jdbc, Agents agents) {
		this.jdbc = jdbc;
		this.agents = agents;
	}

	/**
	 * An agent's row.
	 *
	 * @param agentId the agent
	 * @param crmUserId the CRM user, if related
	 * @param code the admin's code instead of the extension, if any
	 * @param unknownToCrm whether a CRM answer said it does not know them
	 */
	record Row(long agentId, @Nullable String crmUserId, @Nullable String code, boolean unknownToCrm) {
	}

	/** The connection's rows by agent id, in agent order. */
	Map<Long, Row> rows(long connectionId) {
		Map<Long, Row> rows = new LinkedHashMap<>();
		this.jdbc.sql("SELECT * FROM crm_managers WHERE connection_id = ? ORDER BY agent_id")
			.param(connectionId)
			.query((rs, n) -> new Row(rs.getLong("agent_id"), rs.getString("crm_user_id"), rs.getString("code"),
					rs.getBoolean("unknown_to_crm")))
			.list()
			.forEach((row) -> rows.put(row.agentId(), row));
		return rows;
	}

	/** Replaces the connection's rows (each with a user id or a code). */
	void replace(long connectionId, List<Row> rows) {
		this.jdbc.sql("DELETE FROM crm_managers WHERE connection_id = ?").param(connectionId).update();
		for (Row row : rows) {
			this.jdbc.sql("""
					INSERT INTO crm_managers (connection_id, agent_id, crm_user_id, code, unknown_to_crm)
					VALUES (?, ?, ?, ?, ?)""")
				.params(connectionId, row.agentId(), row.crmUserId(), row.code(), row.unknownToCrm())
				.update();
		}
	}

	/**
	 * Each agent's extensions on the connection's accounts, in the accounts' order (their
	 * code, unless overridden, is the first).
	 */
	Map<Long, List<String>> extensions(CrmConnection connection) {
		Map<Long, List<String>> extensions = new LinkedHashMap<>();
		for (long accountId : connection.accountIds()) {
			for (AgentExtension extension : this.agents.extensionsOfAccount(accountId)) {
				extensions.computeIfAbsent(extension.agentId(), (id) -> new ArrayList<>()).add(extension.extension());
			}
		}
		return extensions;
	}

	/** The managers related to a CRM user, in agent order, with their codes. */
	List<CrmManager> related(CrmConnection connection) {
		Map<Long, List<String>> extensions = extensions(connection);
		return rows(connection.id()).values()
			.stream()
			.filter((row) -> row.crmUserId() != null)
			.map((row) -> new CrmManager(row.agentId(), row.crmUserId(), code(row, extensions.get(row.agentId()))))
			.toList();
	}

	/** The agent as the CRM knows them; empty when they have neither user id nor code. */
	Optional<CrmManager> manager(CrmConnection connection, long agentId) {
		Row row = this.jdbc.sql("SELECT * FROM crm_managers WHERE connection_id = ? AND agent_id = ?")
			.params(connection.id(), agentId)
			.query((rs, n) -> new Row(agentId, rs.getString("crm_user_id"), rs.getString("code"),
					rs.getBoolean("unknown_to_crm")))
			.optional()
			.orElse(new Row(agentId, null, null, false));
		String code = code(row, extensionsOf(connection, agentId));
		if (row.crmUserId() == null && code == null) {
			return Optional.empty();
		}
		return Optional.of(new CrmManager(agentId, row.crmUserId(), code));
	}

	/**
	 * The agent behind a CRM user: by user id, else by an admin's code, else by an
	 * extension on the connection's accounts (in their order).
	 */
	Optional<Long> agentOf(CrmConnection connection, CrmUserRef user) {
		String userId = blankToNull(user.crmUserId());
		String code = blankToNull(user.code());
		if (userId != null) {
			Optional<Long> byUser = agentWhere(connection.id(), "crm_user_id", userId);
			if (byUser.isPresent()) {
				return byUser;
			}
		}
		if (code == null) {
			return Optional.empty();
		}
		Optional<Long> byCode = agentWhere(connection.id(), "code", code);
		if (byCode.isPresent()) {
			return byCode;
		}
		for (long accountId : connection.accountIds()) {
			Optional<Agent> onExtension = this.agents.onExtension(accountId, code)
				.filter((agent) -> agent.tenantId() == connection.tenantId());
			if (onExtension.isPresent()) {
				return Optional.of(onExtension.get().id());
			}
		}
		return Optional.empty();
	}

	/** Flags the managers whose user id or code override a CRM said it does not know. */
	void flagUnknown(long connectionId, List<String> codes, List<String> userIds) {
		if (!userIds.isEmpty()) {
			this.jdbc.sql("""
					UPDATE crm_managers SET unknown_to_crm = TRUE
					WHERE connection_id = :connection AND crm_user_id IN (:ids)""")
				.param("connection", connectionId)
				.param("ids", userIds)
				.update();
		}
		if (!codes.isEmpty()) {
			this.jdbc.sql("""
					UPDATE crm_managers SET unknown_to_crm = TRUE
					WHERE connection_id = :connection AND code IN (:codes)""")
				.param("connection", connectionId)
				.param("codes", codes)
				.update();
		}
	}

	/**
	 * After a registration: only the user ids the CRM just said it does not have stay
	 * flagged.
	 */
	void resetUnknown(long connectionId, List<String> unknownUserIds) {
		this.jdbc.sql("UPDATE crm_managers SET unknown_to_crm = FALSE WHERE connection_id = ?")
			.param(connectionId)
			.update();
		flagUnknown(connectionId, List.of(), unknownUserIds);
	}

	private Optional<Long> agentWhere(long connectionId, String column, String value) {
		return this.jdbc
			.sql("SELECT agent_id FROM crm_managers WHERE connection_id = ? AND " + column + " = ? ORDER BY agent_id")
			.params(connectionId, value)
			.query(Long.class)
			.list()
			.stream()
			.findFirst();
	}

	private List<String> extensionsOf(CrmConnection connection, long agentId) {
		List<AgentExtension> all = this.agents.extensionsOf(agentId);
		List<String> ordered = new ArrayList<>();
		for (long accountId : connection.accountIds()) {
			all.stream().filter((e) -> e.accountId() == accountId).forEach((e) -> ordered.add(e.extension()));
		}
		return ordered;
	}

	/** The code of an agent: the override, else the first extension. */
	static @Nullable String code(Row row, @Nullable List<String> extensions) {
		if (row.code() != null) {
			return row.code();
		}
		return (extensions == null || extensions.isEmpty()) ? null : extensions.get(0);
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
