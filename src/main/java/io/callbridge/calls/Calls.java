package io.callbridge.calls;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.callbridge.calls.application.AppliedParticipants;
import io.callbridge.calls.model.CallState;
import io.callbridge.records.KnownCalls;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.KeyedReads;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.PagedQuery;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AccountCalls;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reads stored calls: by id, the history with filters, a contact's last calls, an agent's
 * active call, and the agents involved in a call. Always scoped to one tenant.
 */
@Repository
public class Calls implements AccountCalls, KnownCalls {

	/**
	 * A call without an end event for this long is treated as lost, not as still active.
	 */
	static final long STALE_AFTER_HOURS = 4;

	private final JdbcClient jdbc;

	private final String rangByCalls;

	private final String byIds;

	Calls(JdbcClient jdbc, KeyedReads keyed) {
		this.jdbc = jdbc;
		this.byIds = keyed.select("k.*", "calls", "id") + " ORDER BY k.id";
		this.rangByCalls = keyed.select("k.call_id, k.agent_id", "call_events", "call_id",
				"tenant_id = ? AND type = 'RINGING' AND agent_id IS NOT NULL")
				+ " ORDER BY k.call_id, k.occurred_at, k.id";
	}

	public Optional<Call> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM calls WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(Calls::row)
			.optional();
	}

	/**
	 * The tenant's calls among these ids, in id order (another tenant's are left out).
	 * @param tenantId tenant
	 * @param ids the calls
	 * @return the calls found
	 */
	public List<Call> findAll(long tenantId, Collection<Long> ids) {
		List<Call> found = new ArrayList<>(ids.size());
		// By id alone, one primary-key probe per id (KeyedReads), the tenant checked on
		// the rows: with "tenant_id = ?" in the query, PostgreSQL without statistics read
		// all the tenant's calls through a tenant index (65 ms for 500 of 100,000 calls),
		// and with "id IN (...)" it read the whole table while it was small.
		for (List<Long> chunk : Jdbc.chunks(ids.stream().distinct().sorted().toList())) {
			this.jdbc.sql(this.byIds)
				.param(KeyedReads.keys(chunk))
				.query(Calls::row)
				.list()
				.stream()
				.filter((call) -> call.tenantId() == tenantId)
				.forEach(found::add);
		}
		return found;
	}

	@Override
	public boolean isCallOf(long tenantId, long callId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM calls WHERE id = ? AND tenant_id = ?")
			.params(callId, tenantId)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public long countForAccount(long accountId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM calls WHERE account_id = ?")
			.param(accountId)
			.query(Long.class)
			.single();
	}

	/** Finds a call of the tenant; another tenant's call is "not found". */
	public Call get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.call"), id));
	}

	public PageResult<Call> search(long tenantId, CallFilter filter, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(tenantId, filter, params);
		return new PagedQuery("c.*", "calls c WHERE " + where, "c.started_at DESC, c.id DESC").fetch(this.jdbc, params,
				page, size, Calls::row);
	}

	/**
	 * Every call matching the filter, newest first, for export; at most {@code limit}.
	 */
	public List<Call> all(long tenantId, CallFilter filter, int limit) {
		Map<String, Object> params = new LinkedHashMap<>();
		String where = where(tenantId, filter, params);
		return this.jdbc
			.sql("SELECT c.* FROM calls c WHERE " + where + " ORDER BY c.started_at DESC, c.id DESC LIMIT :limit")
			.params(params)
			.param("limit", limit)
			.query(Calls::row)
			.list();
	}

	/**
	 * The tenant's ended calls whose id is above {@code afterId}, in id order: a batch
	 * for a read model that goes through all of a tenant's calls (the next batch starts
	 * after the last id of this one).
	 * @param tenantId tenant
	 * @param afterId the last id already seen (0 to start)
	 * @param limit the most calls returned
	 * @return the calls, lowest id first
	 */
	public List<Call> endedAfter(long tenantId, long afterId, int limit) {
		return this.jdbc
			.sql("SELECT * FROM calls WHERE tenant_id = ? AND id > ? AND state = 'ENDED' ORDER BY id LIMIT ?")
			.params(tenantId, afterId, limit)
			.query(Calls::row)
			.list();
	}

	/**
	 * The ids of the tenant's ended calls that started in a period, newest first, at most
	 * {@code limit} (through the index on the tenant and start): for a read model to
	 * check that it has each recent call.
	 * @param tenantId tenant
	 * @param from the earliest start, inclusive
	 * @param to the latest start, exclusive
	 * @param limit the most ids returned
	 * @return the call ids, latest start first
	 */
	public List<Long> endedIdsStartedBetween(long tenantId, Instant from, Instant to, int limit) {
		return this.jdbc.sql("""
				SELECT id FROM calls WHERE tenant_id = ? AND started_at >= ? AND started_at < ? AND state = 'ENDED'
				ORDER BY started_at DESC LIMIT ?""")
			.params(tenantId, Jdbc.ts(from), Jdbc.ts(to), limit)
			.query(Long.class)
			.list();
	}

	public List<Call> recentForContact(long tenantId, long contactId, int limit) {
		return search(tenantId, new CallFilter(null, null, null, contactId, null, null, null), 0, limit).items();
	}

	/**
	 * Recent calls with this number, for contacts not yet linked (e.g. several contacts
	 * share it).
	 */
	public List<Call> recentForNumber(long tenantId, String e164, int limit) {
		return this.jdbc
			.sql("SELECT * FROM calls WHERE tenant_id = ? AND external_number = ? ORDER BY started_at DESC LIMIT ?")
			.params(tenantId, e164, limit)
			.query(Calls::row)
			.list();
	}

	/**
	 * The agent's call in progress (ringing at them, answered by them, or started by
	 * them), if any: the newest of {@link #activeCallsOf}.
	 */
	public Optional<Call> activeCallOf(long tenantId, long agentId) {
		return activeCallsOf(tenantId, agentId).stream().findFirst();
	}

	/**
	 * The agent's calls in progress, newest first: ringing at them, answered by them, or
	 * started by them; not those the agent closed as over because their end was never
	 * reported.
	 */
	public List<Call> activeCallsOf(long tenantId, long agentId) {
		return this.jdbc.sql("""
				SELECT c.* FROM calls c WHERE c.tenant_id = :tenant AND c.state <> 'ENDED' AND c.started_at > :since
				AND (c.agent_id = :agent OR c.originated_by = :agent
				     OR EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id AND e.agent_id = :agent))
				AND NOT EXISTS (SELECT 1 FROM agent_closed_calls x WHERE x.call_id = c.id AND x.agent_id = :agent)
				ORDER BY c.started_at DESC""")
			.param("tenant", tenantId)
			.param("agent", agentId)
			.param("since", Jdbc.ts(Instant.now().minus(STALE_AFTER_HOURS, ChronoUnit.HOURS)))
			.query(Calls::row)
			.list()
			.stream()
			.filter((call) -> !answeredByOther(call, agentId))
			.toList();
	}

	/**
	 * The tenant's calls in progress (ringing or answered), oldest first, at most
	 * {@code limit}: those without an end for {@value #STALE_AFTER_HOURS} hours count as
	 * lost, and so does a call its agent (or, for a call nobody has, an agent it rang)
	 * closed as over because its end was never reported.
	 * @param tenantId tenant
	 * @param limit at most this many calls
	 * @return the calls, oldest start first
	 */
	public List<Call> activeOfTenant(long tenantId, int limit) {
		return this.jdbc.sql("""
				SELECT c.* FROM calls c
				WHERE c.tenant_id = :tenant AND c.state IN ('RINGING', 'ANSWERED') AND c.started_at > :since
				AND NOT EXISTS (SELECT 1 FROM agent_closed_calls x WHERE x.call_id = c.id
				    AND (c.agent_id IS NULL OR x.agent_id = c.agent_id OR x.agent_id = c.originated_by))
				ORDER BY c.started_at, c.id LIMIT :limit""")
			.param("tenant", tenantId)
			.param("since", Jdbc.ts(Instant.now().minus(STALE_AFTER_HOURS, ChronoUnit.HOURS)))
			.param("limit", limit)
			.query(Calls::row)
			.list();
	}

	/** When the last event of the call arrived, if it has any. */
	public Optional<Instant> lastEventAt(long tenantId, long callId) {
		return this.jdbc
			.sql("SELECT MAX(received_at) AS last_event_at FROM call_events WHERE tenant_id = ? AND call_id = ?")
			.params(tenantId, callId)
			.query((rs, n) -> Optional.ofNullable(Jdbc.instant(rs, "last_event_at")))
			.list()
			.stream()
			.flatMap(Optional::stream)
			.findFirst();
	}

	/** The agents involved in a call: rung, answering, owning or originating it. */
	public Set<Long> participants(long callId) {
		// The screen pop asks inside the transaction that applied the call's change: the
		// apply knows them; otherwise one round trip.
		Optional<Set<Long>> applied = AppliedParticipants.of(callId);
		if (applied.isPresent()) {
			return new LinkedHashSet<>(applied.get());
		}
		return new LinkedHashSet<>(this.jdbc.sql("""
				SELECT agent_id FROM call_events WHERE call_id = ? AND agent_id IS NOT NULL
				UNION SELECT agent_id FROM calls WHERE id = ? AND agent_id IS NOT NULL
				UNION SELECT originated_by FROM calls WHERE id = ? AND originated_by IS NOT NULL""")
			.params(callId, callId, callId)
			.query(Long.class)
			.list());
	}

	/**
	 * The agents each call rang (from its events), by call id, in the order they were
	 * rung: for a missed call, who it was offered to.
	 * @param tenantId tenant
	 * @param callIds the calls
	 * @return the agents rung per call; calls that rang nobody known are absent
	 */
	public Map<Long, List<Long>> rangAgents(long tenantId, Collection<Long> callIds) {
		Map<Long, List<Long>> rang = new LinkedHashMap<>();
		for (List<Long> chunk : Jdbc.chunks(callIds)) {
			this.jdbc.sql(this.rangByCalls).params(KeyedReads.keys(chunk), tenantId).query((rs) -> {
				List<Long> agents = rang.computeIfAbsent(rs.getLong("call_id"), (k) -> new ArrayList<>());
				long agent = rs.getLong("agent_id");
				if (!agents.contains(agent)) {
					agents.add(agent);
				}
			});
		}
		return rang;
	}

	public List<CallEventRecord> timeline(long tenantId, long callId) {
		get(tenantId, callId);
		return this.jdbc.sql("SELECT * FROM call_events WHERE call_id = ? ORDER BY occurred_at, id")
			.param(callId)
			.query((rs, n) -> new CallEventRecord(rs.getLong("id"), CallEventType.valueOf(rs.getString("type")),
					Jdbc.instant(rs, "occurred_at"), Jdbc.instant(rs, "received_at"), rs.getString("extension"),
					Jdbc.longOrNull(rs, "agent_id"), rs.getString("transfer_from"), result(rs.getString("result")),
					rs.getString("raw_payload")))
			.list();
	}

	private static boolean answeredByOther(Call call, long agentId) {
		return call.state() == CallState.ANSWERED && call.agentId() != null && call.agentId() != agentId
				&& (call.originatedBy() == null || call.originatedBy() != agentId);
	}

	private static String where(long tenantId, CallFilter filter, Map<String, Object> params) {
		StringBuilder where = new StringBuilder("c.tenant_id = :tenant");
		params.put("tenant", tenantId);
		if (filter.from() != null) {
			where.append(" AND c.started_at >= :from");
			params.put("from", Jdbc.ts(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND c.started_at < :to");
			params.put("to", Jdbc.ts(filter.to()));
		}
		if (filter.agentId() != null) {
			where.append(" AND (c.agent_id = :agent OR c.originated_by = :agent"
					+ " OR EXISTS (SELECT 1 FROM call_events e WHERE e.call_id = c.id AND e.agent_id = :agent))");
			params.put("agent", filter.agentId());
		}
		if (filter.contactId() != null) {
			where.append(" AND c.contact_id = :contact");
			params.put("contact", filter.contactId());
		}
		if (filter.direction() != null) {
			where.append(" AND c.direction = :direction");
			params.put("direction", filter.direction().name());
		}
		if (filter.result() != null) {
			where.append(" AND c.result = :result");
			params.put("result", filter.result().name());
		}
		if (filter.campaignId() != null) {
			where.append(" AND c.campaign_id = :campaign");
			params.put("campaign", filter.campaignId());
		}
		return where.toString();
	}

	static Call row(ResultSet rs, int n) throws SQLException {
		return new Call(rs.getLong("id"), rs.getLong("tenant_id"), rs.getLong("account_id"),
				rs.getString("provider_call_id"), CallDirection.valueOf(rs.getString("direction")),
				rs.getString("external_number"), rs.getString("external_number_raw"), rs.getString("our_line"),
				CallState.valueOf(rs.getString("state")), result(rs.getString("result")),
				Jdbc.instant(rs, "started_at"), Jdbc.instant(rs, "answered_at"), Jdbc.instant(rs, "ended_at"),
				Jdbc.intOrNull(rs, "ring_seconds"), Jdbc.intOrNull(rs, "talk_seconds"),
				Jdbc.intOrNull(rs, "total_seconds"), Jdbc.longOrNull(rs, "agent_id"), Jdbc.longOrNull(rs, "contact_id"),
				Jdbc.longOrNull(rs, "originated_by"), rs.getString("recording_ref"), rs.getBigDecimal("cost"),
				rs.getString("currency"), rs.getLong("version"),
				(rs.getString("end_source") != null) ? EventSource.valueOf(rs.getString("end_source")) : null,
				Jdbc.longOrNull(rs, "campaign_id"));
	}

	private static CallResult result(String value) {
		return (value != null) ? CallResult.valueOf(value) : null;
	}

}
