package io.callbridge.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.callbridge.shared.BulkInserts;
import io.callbridge.shared.CopyText;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.KeyedReads;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The stored call facts ({@code call_facts}): one row per ended call, written from the
 * call's current state. A write never replaces a row computed from a newer version of the
 * call. Callers hold the tenant's {@linkplain CallFactRebuilds#lock lock}, so the
 * update-then-insert below never races another writer of the same call.
 */
@Repository
class CallFacts {

	private static final int ROWS_PER_BATCH = 500;

	private static final String INSERT = """
			INSERT INTO call_facts (call_id, tenant_id, call_version, zone, started_at, ended_at, local_day,
			  local_hour, weekday, account_id, provider, agent_id, campaign_id, direction, result, missed,
			  ring_seconds, talk_seconds, cost, currency, outcome, charge_amount, charge_currency,
			  external_number, callback_seconds, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)""";

	private static final String COPY = """
			COPY call_facts (call_id, tenant_id, call_version, zone, started_at, ended_at, local_day, local_hour,
			  weekday, account_id, provider, agent_id, campaign_id, direction, result, missed, ring_seconds,
			  talk_seconds, cost, currency, outcome, charge_amount, charge_currency, external_number,
			  callback_seconds, updated_at) FROM STDIN""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final BulkInserts bulk;

	private final String storedByIds;

	private final String existingByIds;

	CallFacts(JdbcClient jdbc, JdbcTemplate batches, BulkInserts bulk, KeyedReads keyed) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.bulk = bulk;
		this.storedByIds = keyed.select(
				"k.call_id, k.call_version, k.direction, k.result, k.external_number, k.started_at, k.callback_seconds",
				"call_facts", "call_id");
		this.existingByIds = keyed.select("k.call_id", "call_facts", "call_id");
	}

	/**
	 * What a stored row says about the call's place among its number's calls, before it
	 * is written again.
	 *
	 * @param callVersion the version it was computed from
	 * @param direction direction
	 * @param result how it ended
	 * @param externalNumber the number
	 * @param startedAt start
	 * @param callbackSeconds its call-back time as stored
	 */
	record Stored(long callVersion, CallDirection direction, CallResult result, @Nullable String externalNumber,
			Instant startedAt, @Nullable Integer callbackSeconds) {
	}

	private static final String SELECT_STORED = """
			SELECT call_id, call_version, direction, result, external_number, started_at, callback_seconds
			FROM call_facts""";

	Optional<Stored> find(long callId) {
		return this.jdbc.sql(SELECT_STORED + " WHERE call_id = ?").param(callId).query(CallFacts::stored).optional();
	}

	/**
	 * The stored rows of many calls.
	 * @param callIds calls
	 * @return each call's row, for those that have one
	 */
	Map<Long, Stored> findAll(Collection<Long> callIds) {
		Map<Long, Stored> found = new HashMap<>();
		for (List<Long> chunk : Jdbc.chunks(callIds)) {
			this.jdbc.sql(this.storedByIds).param(KeyedReads.keys(chunk)).query((rs) -> {
				found.put(rs.getLong("call_id"), stored(rs, 0));
			});
		}
		return found;
	}

	private static Stored stored(ResultSet rs, int row) throws SQLException {
		return new Stored(rs.getLong("call_version"), CallDirection.valueOf(rs.getString("direction")),
				CallResult.valueOf(rs.getString("result")), rs.getString("external_number"),
				Jdbc.instant(rs, "started_at"), Jdbc.intOrNull(rs, "callback_seconds"));
	}

	/**
	 * Which of the calls have a fact.
	 * @param callIds calls
	 * @return those of them with a row
	 */
	Set<Long> existing(Collection<Long> callIds) {
		Set<Long> found = new HashSet<>();
		for (List<Long> chunk : Jdbc.chunks(callIds)) {
			found.addAll(this.jdbc.sql(this.existingByIds).param(KeyedReads.keys(chunk)).query(Long.class).list());
		}
		return found;
	}

	/**
	 * Writes the fact unless the stored row is of a newer version of the call. Its
	 * call-back time is left to {@link CallBacks}.
	 * @param fact the fact
	 * @param stored the call's row as {@link #find} read it under the tenant's lock
	 * @return whether it was written
	 */
	boolean write(CallFact fact, @Nullable Stored stored) {
		if (stored == null) {
			insert(fact);
			return true;
		}
		return update(fact) == 1;
	}

	private int update(CallFact fact) {
		return this.jdbc.sql("""
				UPDATE call_facts SET call_version = ?, zone = ?, started_at = ?, ended_at = ?, local_day = ?,
				  local_hour = ?, weekday = ?, account_id = ?, provider = ?, agent_id = ?, campaign_id = ?,
				  direction = ?, result = ?, missed = ?, ring_seconds = ?, talk_seconds = ?, cost = ?, currency = ?,
				  outcome = ?, charge_amount = ?, charge_currency = ?, external_number = ?,
				  updated_at = CURRENT_TIMESTAMP
				WHERE call_id = ? AND call_version <= ?""")
			.params(fact.callVersion(), fact.zone().getId(), Jdbc.ts(fact.startedAt()), Jdbc.ts(fact.endedAt()),
					fact.localDay(), fact.localHour(), fact.weekday(), fact.accountId(), fact.provider(),
					fact.agentId(), fact.campaignId(), fact.direction().name(), fact.result().name(), fact.missed(),
					fact.ringSeconds(), fact.talkSeconds(), fact.cost(), fact.currency(), fact.outcome(),
					fact.chargeAmount(), fact.chargeCurrency(), fact.externalNumber(), fact.callId(),
					fact.callVersion())
			.update();
	}

	/**
	 * Inserts the facts of calls that have none yet: with {@code COPY} on PostgreSQL, in
	 * JDBC batches otherwise.
	 * @param facts the facts, none of them stored
	 * @param callBacks the call-back times they are inserted with, by call (none for a
	 * call not in it)
	 */
	void insertAll(List<CallFact> facts, Map<Long, @Nullable Integer> callBacks) {
		if (facts.isEmpty()) {
			return;
		}
		this.bulk.run(() -> {
			if (this.bulk.onPostgres()) {
				copy(facts, callBacks);
			}
			else {
				insertBatches(facts, callBacks);
			}
		});
	}

	private void insertBatches(List<CallFact> facts, Map<Long, @Nullable Integer> callBacks) {
		for (int from = 0; from < facts.size(); from += ROWS_PER_BATCH) {
			List<Object[]> rows = facts.subList(from, Math.min(facts.size(), from + ROWS_PER_BATCH))
				.stream()
				.map((fact) -> row(fact, callBacks.get(fact.callId())))
				.toList();
			this.batches.batchUpdate(INSERT, rows);
		}
	}

	// Column for column the rows of INSERT, updated_at the transaction's
	// CURRENT_TIMESTAMP
	// as there.
	private void copy(List<CallFact> facts, Map<Long, @Nullable Integer> callBacks) {
		Instant now = CopyText.transactionTime(this.batches);
		CopyText copy = new CopyText();
		for (CallFact fact : facts) {
			copy.add(fact.callId())
				.add(fact.tenantId())
				.add(fact.callVersion())
				.add(fact.zone().getId())
				.add(fact.startedAt())
				.add(fact.endedAt())
				.add(fact.localDay())
				.add((long) fact.localHour())
				.add((long) fact.weekday())
				.add(fact.accountId())
				.add(fact.provider())
				.add(fact.agentId())
				.add(fact.campaignId())
				.add(fact.direction().name())
				.add(fact.result().name())
				.add(fact.missed())
				.add(fact.ringSeconds())
				.add(fact.talkSeconds())
				.add(fact.cost())
				.add(fact.currency())
				.add(fact.outcome())
				.add(fact.chargeAmount())
				.add(fact.chargeCurrency())
				.add(fact.externalNumber())
				.add(callBacks.get(fact.callId()))
				.add(now)
				.endRow();
		}
		copy.copyInto(this.batches, COPY, facts.size());
	}

	private void insert(CallFact fact) {
		this.jdbc.sql(INSERT).params(row(fact, null)).update();
	}

	private static Object[] row(CallFact fact, @Nullable Integer callBackSeconds) {
		return new Object[] { fact.callId(), fact.tenantId(), fact.callVersion(), fact.zone().getId(),
				Jdbc.ts(fact.startedAt()), Jdbc.ts(fact.endedAt()), fact.localDay(), fact.localHour(), fact.weekday(),
				fact.accountId(), fact.provider(), fact.agentId(), fact.campaignId(), fact.direction().name(),
				fact.result().name(), fact.missed(), fact.ringSeconds(), fact.talkSeconds(), fact.cost(),
				fact.currency(), fact.outcome(), fact.chargeAmount(), fact.chargeCurrency(), fact.externalNumber(),
				callBackSeconds };
	}

}
