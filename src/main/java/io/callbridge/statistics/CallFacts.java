package io.callbridge.statistics;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callbridge.shared.Jdbc;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

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

	private final JdbcClient jdbc;

	CallFacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
	 */
	record Stored(long callVersion, CallDirection direction, CallResult result, @Nullable String externalNumber,
			Instant startedAt) {
	}

	Optional<Stored> find(long callId) {
		return this.jdbc.sql("""
				SELECT call_version, direction, result, external_number, started_at FROM call_facts
				WHERE call_id = ?""")
			.param(callId)
			.query((rs, n) -> new Stored(rs.getLong("call_version"), CallDirection.valueOf(rs.getString("direction")),
					CallResult.valueOf(rs.getString("result")), rs.getString("external_number"),
					Jdbc.instant(rs, "started_at")))
			.optional();
	}

	/**
	 * Which of the calls have a fact.
	 * @param callIds calls
	 * @return those of them with a row
	 */
	Set<Long> existing(Collection<Long> callIds) {
		Set<Long> found = new HashSet<>();
		for (List<Long> chunk : Jdbc.chunks(callIds)) {
			found.addAll(this.jdbc.sql("SELECT call_id FROM call_facts WHERE call_id IN (:ids)")
				.param("ids", chunk)
				.query(Long.class)
				.list());
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

	private void insert(CallFact fact) {
		this.jdbc.sql("""
				INSERT INTO call_facts (call_id, tenant_id, call_version, zone, started_at, ended_at, local_day,
				  local_hour, weekday, account_id, provider, agent_id, campaign_id, direction, result, missed,
				  ring_seconds, talk_seconds, cost, currency, outcome, charge_amount, charge_currency,
				  external_number, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)""")
			.params(fact.callId(), fact.tenantId(), fact.callVersion(), fact.zone().getId(), Jdbc.ts(fact.startedAt()),
					Jdbc.ts(fact.endedAt()), fact.localDay(), fact.localHour(), fact.weekday(), fact.accountId(),
					fact.provider(), fact.agentId(), fact.campaignId(), fact.direction().name(), fact.result().name(),
					fact.missed(), fact.ringSeconds(), fact.talkSeconds(), fact.cost(), fact.currency(), fact.outcome(),
					fact.chargeAmount(), fact.chargeCurrency(), fact.externalNumber())
			.update();
	}

}
