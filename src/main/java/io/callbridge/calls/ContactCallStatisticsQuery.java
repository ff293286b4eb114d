package io.callbridge.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

import io.callbridge.calls.ContactCallStatistics.Amount;
import io.callbridge.calls.ContactCallStatistics.LastContact;
import io.callbridge.calls.ContactCallStatistics.OutcomeCount;
import io.callbridge.calls.ContactCallStatistics.RecordedCall;
import io.callbridge.calls.model.CallState;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Computes a contact's {@link ContactCallStatistics} in the database. Each query reads
 * only that contact's calls through the {@code calls_contact} index and returns a handful
 * of rows (sums, a row per outcome or currency, the last calls), so a contact with
 * thousands of calls costs no more than a few index range reads.
 */
@Repository
public class ContactCallStatisticsQuery {

	/** How many of the latest recorded calls are listed. */
	public static final int RECORDINGS = 10;

	// The dashboard's definition of a missed call (see statistics' call facts).
	private static final String MISSED = "c.direction = 'INBOUND' AND c.result IN ('MISSED', 'BUSY', 'CANCELLED', 'FAILED')";

	private static final String OF_CONTACT = "c.tenant_id = :tenant AND c.contact_id = :contact";

	private final JdbcClient jdbc;

	ContactCallStatisticsQuery(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The contact's figures; a contact of another tenant (or none) has no calls here.
	 * @param tenantId tenant
	 * @param contactId the contact
	 * @return the figures, zero without calls
	 */
	public ContactCallStatistics of(long tenantId, long contactId) {
		Counts counts = counts(tenantId, contactId);
		return new ContactCallStatistics(contactId, counts.calls(), counts.inbound(), counts.outbound(),
				counts.answered(), counts.missed(), counts.talkSeconds(), lastContact(tenantId, contactId),
				outcomes(tenantId, contactId), charges(tenantId, contactId), costs(tenantId, contactId),
				recordings(tenantId, contactId));
	}

	private Counts counts(long tenantId, long contactId) {
		return sql("""
				SELECT COUNT(*) AS calls,
				  COALESCE(SUM(CASE WHEN c.direction = 'INBOUND' THEN 1 ELSE 0 END), 0) AS inbound,
				  COALESCE(SUM(CASE WHEN c.direction = 'OUTBOUND' THEN 1 ELSE 0 END), 0) AS outbound,
				  COALESCE(SUM(CASE WHEN c.result = 'ANSWERED' THEN 1 ELSE 0 END), 0) AS answered,
				  COALESCE(SUM(CASE WHEN %s THEN 1 ELSE 0 END), 0) AS missed,
				  COALESCE(SUM(CASE WHEN c.result = 'ANSWERED' THEN COALESCE(c.talk_seconds, 0) ELSE 0 END), 0) AS talk
				FROM calls c WHERE %s""".formatted(MISSED, OF_CONTACT), tenantId, contactId)
			.query((rs, n) -> new Counts(rs.getLong("calls"), rs.getLong("inbound"), rs.getLong("outbound"),
					rs.getLong("answered"), rs.getLong("missed"), rs.getLong("talk")))
			.single();
	}

	private @Nullable LastContact lastContact(long tenantId, long contactId) {
		return sql("""
				SELECT c.id, c.started_at, c.direction, c.state, c.result, c.agent_id FROM calls c WHERE %s
				ORDER BY c.started_at DESC, c.id DESC LIMIT 1""".formatted(OF_CONTACT), tenantId, contactId)
			.query((rs, n) -> new LastContact(rs.getLong("id"), Objects.requireNonNull(Jdbc.instant(rs, "started_at")),
					CallDirection.valueOf(rs.getString("direction")), CallState.valueOf(rs.getString("state")),
					result(rs), Jdbc.longOrNull(rs, "agent_id")))
			.optional()
			.orElse(null);
	}

	// An outcome code no longer in the tenant's list still counts, under its code.
	private List<OutcomeCount> outcomes(long tenantId, long contactId) {
		return sql("""
				SELECT d.outcome, o.label, o.label_key, COUNT(*) AS n,
				  COALESCE(MIN(o.position), 2147483647) AS outcome_position
				FROM call_dispositions d JOIN calls c ON c.id = d.call_id
				LEFT JOIN disposition_outcomes o ON o.tenant_id = c.tenant_id AND o.code = d.outcome
				WHERE %s GROUP BY d.outcome, o.label, o.label_key
				ORDER BY n DESC, outcome_position, d.outcome""".formatted(OF_CONTACT), tenantId, contactId)
			.query((rs, n) -> outcome(rs))
			.list();
	}

	private List<Amount> charges(long tenantId, long contactId) {
		return sql("""
				SELECT d.charge_currency AS currency, COUNT(*) AS n, SUM(d.charge_amount) AS amount
				FROM call_dispositions d JOIN calls c ON c.id = d.call_id
				WHERE %s AND d.charge_amount IS NOT NULL GROUP BY d.charge_currency ORDER BY currency"""
			.formatted(OF_CONTACT), tenantId, contactId).query((rs, n) -> amount(rs)).list();
	}

	private List<Amount> costs(long tenantId, long contactId) {
		return sql("""
				SELECT c.currency, COUNT(*) AS n, SUM(c.cost) AS amount FROM calls c
				WHERE %s AND c.cost IS NOT NULL GROUP BY c.currency ORDER BY c.currency""".formatted(OF_CONTACT),
				tenantId, contactId)
			.query((rs, n) -> amount(rs))
			.list();
	}

	private List<RecordedCall> recordings(long tenantId, long contactId) {
		return sql("""
				SELECT c.id, c.started_at, c.direction, c.result, c.talk_seconds, c.agent_id FROM calls c
				WHERE %s AND c.recording_ref IS NOT NULL ORDER BY c.started_at DESC, c.id DESC LIMIT :limit"""
			.formatted(OF_CONTACT), tenantId, contactId)
			.param("limit", RECORDINGS)
			.query((rs, n) -> new RecordedCall(rs.getLong("id"), Objects.requireNonNull(Jdbc.instant(rs, "started_at")),
					CallDirection.valueOf(rs.getString("direction")), result(rs), Jdbc.intOrNull(rs, "talk_seconds"),
					Jdbc.longOrNull(rs, "agent_id")))
			.list();
	}

	private JdbcClient.StatementSpec sql(String sql, long tenantId, long contactId) {
		return this.jdbc.sql(sql).param("tenant", tenantId).param("contact", contactId);
	}

	private static OutcomeCount outcome(ResultSet rs) throws SQLException {
		String code = rs.getString("outcome");
		String key = rs.getString("label_key");
		String label = (key != null) ? Text.of(key).localized() : Objects.toString(rs.getString("label"), code);
		return new OutcomeCount(code, label, key, rs.getLong("n"));
	}

	private static Amount amount(ResultSet rs) throws SQLException {
		return new Amount(Objects.toString(rs.getString("currency"), ""), rs.getLong("n"), rs.getBigDecimal("amount"));
	}

	private static @Nullable CallResult result(ResultSet rs) throws SQLException {
		String result = rs.getString("result");
		return (result != null) ? CallResult.valueOf(result) : null;
	}

	/** The counters of the first query. */
	private record Counts(long calls, long inbound, long outbound, long answered, long missed, long talkSeconds) {
	}

}
