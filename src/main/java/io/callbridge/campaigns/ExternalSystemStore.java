package io.callbridge.campaigns;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Reads and writes external systems and their agents' IDs. */
@Repository
class ExternalSystemStore {

	private final JdbcClient jdbc;

	ExternalSystemStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<ExternalSystem> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM external_systems WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query((rs, n) -> new ExternalSystem(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
					List.of(), Jdbc.instant(rs, "created_at")))
			.optional()
			.map((system) -> new ExternalSystem(system.id(), system.tenantId(), system.name(), links(system.id()),
					system.createdAt()));
	}

	List<Long> ids(long tenantId) {
		return this.jdbc.sql("SELECT id FROM external_systems WHERE tenant_id = ? ORDER BY name, id")
			.param(tenantId)
			.query(Long.class)
			.list();
	}

	boolean nameTaken(long tenantId, String name, @Nullable Long except) {
		return this.jdbc
			.sql("SELECT COUNT(*) FROM external_systems WHERE tenant_id = ? AND LOWER(name) = ? AND id <> ?")
			.params(tenantId, name.toLowerCase(Locale.ROOT), (except != null) ? except : -1L)
			.query(Long.class)
			.single() > 0;
	}

	long insert(long tenantId, String name) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("INSERT INTO external_systems (tenant_id, name, created_at) VALUES (?, ?, ?)")
			.params(tenantId, name, Jdbc.ts(Instant.now()))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void rename(long id, String name) {
		this.jdbc.sql("UPDATE external_systems SET name = ? WHERE id = ?").params(name, id).update();
	}

	void delete(long tenantId, long id) {
		this.jdbc.sql("DELETE FROM external_systems WHERE tenant_id = ? AND id = ?").params(tenantId, id).update();
	}

	List<AgentLink> links(long systemId) {
		return this.jdbc
			.sql("SELECT id, agent_id, external_id FROM external_system_agents WHERE system_id = ? ORDER BY id")
			.param(systemId)
			.query((rs, n) -> new AgentLink(rs.getLong("id"), rs.getLong("agent_id"), rs.getString("external_id")))
			.list();
	}

	List<Long> linkedAgents(long systemId) {
		return links(systemId).stream().map(AgentLink::agentId).toList();
	}

	/**
	 * Makes the system's links these: given ids are changed, the others added, links left
	 * out deleted. Rewritten as a whole, kept links with their ids, so that two agents
	 * may swap their IDs in one save without tripping the unique constraints midway.
	 */
	void replaceLinks(long tenantId, long systemId, List<AgentLink> links) {
		this.jdbc.sql("DELETE FROM external_system_agents WHERE system_id = ?").param(systemId).update();
		for (AgentLink link : links) {
			if (link.id() != null) {
				this.jdbc.sql("""
						INSERT INTO external_system_agents (id, system_id, tenant_id, agent_id, external_id)
						VALUES (?, ?, ?, ?, ?)""")
					.params(link.id(), systemId, tenantId, link.agentId(), link.externalId().strip())
					.update();
			}
			else {
				this.jdbc.sql("""
						INSERT INTO external_system_agents (system_id, tenant_id, agent_id, external_id)
						VALUES (?, ?, ?, ?)""")
					.params(systemId, tenantId, link.agentId(), link.externalId().strip())
					.update();
			}
		}
	}

	Optional<Long> agentByExternalId(long systemId, String externalId) {
		return this.jdbc.sql("SELECT agent_id FROM external_system_agents WHERE system_id = ? AND external_id = ?")
			.params(systemId, externalId)
			.query(Long.class)
			.optional();
	}

	Optional<String> externalIdOf(long systemId, long agentId) {
		return this.jdbc.sql("SELECT external_id FROM external_system_agents WHERE system_id = ? AND agent_id = ?")
			.params(systemId, agentId)
			.query(String.class)
			.optional();
	}

}
