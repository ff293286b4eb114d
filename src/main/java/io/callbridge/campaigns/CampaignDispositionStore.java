package io.callbridge.campaigns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** Reads and writes contacts' dispositions in campaigns. */
@Repository
class CampaignDispositionStore {

	private final JdbcClient jdbc;

	CampaignDispositionStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<CampaignDisposition> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM campaign_dispositions WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(CampaignDispositionStore::row)
			.optional();
	}

	Optional<CampaignDisposition> of(long campaignId, long contactId) {
		return this.jdbc.sql("SELECT * FROM campaign_dispositions WHERE campaign_id = ? AND contact_id = ?")
			.params(campaignId, contactId)
			.query(CampaignDispositionStore::row)
			.optional();
	}

	List<CampaignDisposition> byAgent(long tenantId, long agentId) {
		return this.jdbc.sql("SELECT * FROM campaign_dispositions WHERE tenant_id = ? AND agent_id = ? ORDER BY id")
			.params(tenantId, agentId)
			.query(CampaignDispositionStore::row)
			.list();
	}

	List<CampaignDisposition> byContact(long tenantId, long contactId) {
		return this.jdbc.sql(
				"SELECT * FROM campaign_dispositions WHERE tenant_id = ? AND contact_id = ? ORDER BY updated_at DESC, id")
			.params(tenantId, contactId)
			.query(CampaignDispositionStore::row)
			.list();
	}

	long insert(long tenantId, long campaignId, long contactId, long optionId, long agentId, String comments,
			@Nullable String callid, @Nullable Long callId) {
		Instant now = Instant.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO campaign_dispositions (tenant_id, campaign_id, contact_id, option_id, agent_id, comments,
				  callid, call_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, campaignId, contactId, optionId, agentId, comments, callid, callId, Jdbc.ts(now),
					Jdbc.ts(now))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void update(long id, long campaignId, long contactId, long optionId, long agentId, String comments,
			@Nullable String callid, @Nullable Long callId) {
		this.jdbc.sql("""
				UPDATE campaign_dispositions SET campaign_id = ?, contact_id = ?, option_id = ?, agent_id = ?,
				  comments = ?, callid = ?, call_id = ?, updated_at = ? WHERE id = ?""")
			.params(campaignId, contactId, optionId, agentId, comments, callid, callId, Jdbc.ts(Instant.now()), id)
			.update();
	}

	private static CampaignDisposition row(ResultSet rs, int n) throws SQLException {
		return new CampaignDisposition(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("campaign_id"),
				rs.getLong("contact_id"), rs.getLong("option_id"), Jdbc.longOrNull(rs, "agent_id"),
				rs.getString("comments"), rs.getString("callid"), Jdbc.longOrNull(rs, "call_id"),
				Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
	}

}
