package io.callbridge.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Reads and writes campaigns, their agents, supervisors and disposition options. */
@Repository
class CampaignStore {

	private final JdbcClient jdbc;

	CampaignStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<Campaign> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM campaigns WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(CampaignStore::campaign)
			.optional();
	}

	List<Campaign> list(long tenantId, CampaignFilter filter) {
		StringBuilder sql = new StringBuilder("SELECT c.* FROM campaigns c WHERE c.tenant_id = :tenant");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenantId);
		if (!filter.types().isEmpty()) {
			sql.append(" AND c.type IN (:types)");
			params.put("types", filter.types().stream().map(Enum::name).toList());
		}
		if (filter.state() != null) {
			sql.append(" AND c.state = :state");
			params.put("state", filter.state().name());
		}
		if (filter.name() != null && !filter.name().isBlank()) {
			sql.append(" AND LOWER(c.name) LIKE :name");
			params.put("name", "%" + filter.name().strip().toLowerCase(Locale.ROOT) + "%");
		}
		if (filter.agentId() != null) {
			sql.append(
					" AND EXISTS (SELECT 1 FROM campaign_agents a WHERE a.campaign_id = c.id AND a.agent_id = :agent)");
			params.put("agent", filter.agentId());
		}
		return this.jdbc.sql(sql + " ORDER BY c.name, c.id").params(params).query(CampaignStore::campaign).list();
	}

	Optional<Campaign> byExternalId(long tenantId, long systemId, String externalId) {
		return this.jdbc.sql(
				"SELECT * FROM campaigns WHERE tenant_id = ? AND external_system_id = ? AND external_id = ? ORDER BY id")
			.params(tenantId, systemId, externalId)
			.query(CampaignStore::campaign)
			.list()
			.stream()
			.findFirst();
	}

	boolean nameTaken(long tenantId, String name, @Nullable Long except) {
		return count("SELECT COUNT(*) FROM campaigns WHERE tenant_id = ? AND LOWER(name) = ? AND id <> ?", tenantId,
				name.toLowerCase(Locale.ROOT), (except != null) ? except : -1L) > 0;
	}

	boolean externalIdTaken(long systemId, String externalId, @Nullable Long except) {
		return count("SELECT COUNT(*) FROM campaigns WHERE external_system_id = ? AND external_id = ? AND id <> ?",
				systemId, externalId, (except != null) ? except : -1L) > 0;
	}

	boolean lineTaken(long accountId, String line, @Nullable Long except) {
		return count("SELECT COUNT(*) FROM campaigns WHERE inbound_account_id = ? AND inbound_line = ? AND id <> ?",
				accountId, line, (except != null) ? except : -1L) > 0;
	}

	/** Whether another campaign uses the database with a system other than this one. */
	boolean databaseOfOtherSystem(long databaseId, long systemId, long except) {
		return count("""
				SELECT COUNT(*) FROM campaigns WHERE contact_database_id = ? AND external_system_id IS NOT NULL
				AND external_system_id <> ? AND id <> ?""", databaseId, systemId, except) > 0;
	}

	/** Whether another campaign uses the site with a system other than this one. */
	boolean siteOfOtherSystem(long siteId, long systemId, long except) {
		return count("""
				SELECT COUNT(*) FROM campaigns WHERE external_site_id = ? AND external_system_id IS NOT NULL
				AND external_system_id <> ? AND id <> ?""", siteId, systemId, except) > 0;
	}

	long insert(long tenantId, Campaign c) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO campaigns (tenant_id, name, type, state, contact_database_id, interaction, external_site_id,
				  external_system_id, external_id, duplicates, inbound_account_id, inbound_line, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, c.name(), c.type().name(), c.state().name(), c.contactDatabaseId(),
					c.interaction().name(), c.externalSiteId(), c.externalSystemId(), c.externalId(),
					c.duplicates().name(), c.inboundAccountId(), c.inboundLine(), Jdbc.ts(c.createdAt()),
					Jdbc.ts(c.updatedAt()))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void update(Campaign c) {
		this.jdbc.sql("""
				UPDATE campaigns SET name = ?, type = ?, state = ?, contact_database_id = ?, interaction = ?,
				  external_site_id = ?, external_system_id = ?, external_id = ?, duplicates = ?, inbound_account_id = ?,
				  inbound_line = ?, updated_at = ? WHERE id = ? AND tenant_id = ?""")
			.params(c.name(), c.type().name(), c.state().name(), c.contactDatabaseId(), c.interaction().name(),
					c.externalSiteId(), c.externalSystemId(), c.externalId(), c.duplicates().name(),
					c.inboundAccountId(), c.inboundLine(), Jdbc.ts(c.updatedAt()), c.id(), c.tenantId())
			.update();
	}

	List<CampaignAgent> agents(long campaignId) {
		return this.jdbc.sql("SELECT agent_id, penalty FROM campaign_agents WHERE campaign_id = ? ORDER BY agent_id")
			.param(campaignId)
			.query((rs, n) -> new CampaignAgent(rs.getLong("agent_id"), rs.getInt("penalty")))
			.list();
	}

	void replaceAgents(long tenantId, long campaignId, Collection<CampaignAgent> agents) {
		this.jdbc.sql("DELETE FROM campaign_agents WHERE campaign_id = ?").param(campaignId).update();
		for (CampaignAgent agent : agents) {
			this.jdbc.sql("INSERT INTO campaign_agents (campaign_id, agent_id, tenant_id, penalty) VALUES (?, ?, ?, ?)")
				.params(campaignId, agent.agentId(), tenantId, agent.penalty())
				.update();
		}
	}

	boolean isAgentOf(long campaignId, long agentId) {
		return count("SELECT COUNT(*) FROM campaign_agents WHERE campaign_id = ? AND agent_id = ?", campaignId,
				agentId) > 0;
	}

	List<Campaign> campaignsOf(long agentId) {
		return this.jdbc.sql("""
				SELECT c.* FROM campaigns c JOIN campaign_agents a ON a.campaign_id = c.id WHERE a.agent_id = ?
				ORDER BY c.name, c.id""").param(agentId).query(CampaignStore::campaign).list();
	}

	boolean isSupervisorOf(long campaignId, long userId) {
		return count("SELECT COUNT(*) FROM campaign_supervisors WHERE campaign_id = ? AND user_id = ?", campaignId,
				userId) > 0;
	}

	void addSupervisor(long campaignId, long userId) {
		if (!isSupervisorOf(campaignId, userId)) {
			this.jdbc.sql("INSERT INTO campaign_supervisors (campaign_id, user_id) VALUES (?, ?)")
				.params(campaignId, userId)
				.update();
		}
	}

	List<CampaignOption> options(long campaignId) {
		return this.jdbc.sql("SELECT * FROM campaign_disposition_options WHERE campaign_id = ? ORDER BY position, id")
			.param(campaignId)
			.query(CampaignStore::option)
			.list();
	}

	Optional<CampaignOption> option(long tenantId, long optionId) {
		return this.jdbc.sql("SELECT * FROM campaign_disposition_options WHERE tenant_id = ? AND id = ?")
			.params(tenantId, optionId)
			.query(CampaignStore::option)
			.optional();
	}

	/**
	 * Makes the campaign's options these, in order: given ids are changed, the others
	 * added; options left out are deleted, or hidden when dispositions name them.
	 */
	void replaceOptions(long tenantId, long campaignId, List<CampaignOptionCommand> commands) {
		List<Long> kept = new ArrayList<>();
		int position = 0;
		for (CampaignOptionCommand o : commands) {
			position++;
			if (o.id() != null) {
				this.jdbc.sql("""
						UPDATE campaign_disposition_options SET name = ?, outcome_code = ?, kind = ?, hidden = ?,
						  positive = ?, crm_interaction = ?, position = ? WHERE id = ? AND campaign_id = ?""")
					.params(o.name().strip(), o.outcomeCode(), kind(o).name(), o.hidden(), o.positive(),
							o.crmInteraction(), position, o.id(), campaignId)
					.update();
				kept.add(o.id());
			}
			else {
				kept.add(insertOption(tenantId, campaignId, o, position));
			}
		}
		for (CampaignOption old : options(campaignId)) {
			if (!kept.contains(old.id())) {
				removeOption(old.id());
			}
		}
	}

	private long insertOption(long tenantId, long campaignId, CampaignOptionCommand o, int position) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO campaign_disposition_options (campaign_id, tenant_id, name, outcome_code, kind, hidden,
				  positive, crm_interaction, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(campaignId, tenantId, o.name().strip(), o.outcomeCode(), kind(o).name(), o.hidden(), o.positive(),
					o.crmInteraction(), position)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	// An option a disposition names stays, hidden, so the disposition still reads.
	private void removeOption(long optionId) {
		if (count("SELECT COUNT(*) FROM campaign_dispositions WHERE option_id = ?", optionId) > 0) {
			this.jdbc.sql("UPDATE campaign_disposition_options SET hidden = TRUE WHERE id = ?")
				.param(optionId)
				.update();
		}
		else {
			this.jdbc.sql("DELETE FROM campaign_disposition_options WHERE id = ?").param(optionId).update();
		}
	}

	/** The tenant's campaigns' names by id, ordered by name. */
	Map<Long, String> names(long tenantId) {
		Map<Long, String> names = new LinkedHashMap<>();
		this.jdbc.sql("SELECT id, name FROM campaigns WHERE tenant_id = ? ORDER BY name, id")
			.param(tenantId)
			.query((rs) -> {
				names.put(rs.getLong("id"), rs.getString("name"));
			});
		return names;
	}

	/** The active inbound campaign answering on one of these lines of the account. */
	Optional<Long> inboundCampaign(long tenantId, long accountId, Collection<String> lines) {
		return this.jdbc.sql("""
				SELECT id FROM campaigns WHERE tenant_id = :tenant AND inbound_account_id = :account
				AND inbound_line IN (:lines) AND type = 'INBOUND' AND state = 'ACTIVE' ORDER BY id""")
			.param("tenant", tenantId)
			.param("account", accountId)
			.param("lines", lines)
			.query(Long.class)
			.list()
			.stream()
			.findFirst();
	}

	private long count(String sql, Object... params) {
		return this.jdbc.sql(sql).params(params).query(Long.class).single();
	}

	private static OptionKind kind(CampaignOptionCommand o) {
		return (o.kind() != null) ? o.kind() : OptionKind.ACTION;
	}

	static Campaign campaign(ResultSet rs, int n) throws SQLException {
		return new Campaign(rs.getLong("id"), rs.getLong("tenant_id"), rs.getString("name"),
				CampaignType.valueOf(rs.getString("type")), CampaignState.valueOf(rs.getString("state")),
				Jdbc.longOrNull(rs, "contact_database_id"), Interaction.valueOf(rs.getString("interaction")),
				Jdbc.longOrNull(rs, "external_site_id"), Jdbc.longOrNull(rs, "external_system_id"),
				rs.getString("external_id"), DuplicatePolicy.valueOf(rs.getString("duplicates")),
				Jdbc.longOrNull(rs, "inbound_account_id"), rs.getString("inbound_line"), Jdbc.instant(rs, "created_at"),
				Jdbc.instant(rs, "updated_at"));
	}

	private static CampaignOption option(ResultSet rs, int n) throws SQLException {
		return new CampaignOption(rs.getLong("id"), rs.getLong("campaign_id"), rs.getString("name"),
				rs.getString("outcome_code"), OptionKind.valueOf(rs.getString("kind")), rs.getBoolean("hidden"),
				rs.getBoolean("positive"), rs.getBoolean("crm_interaction"), rs.getInt("position"));
	}

}
