package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.callbridge.shared.Jdbc;
import io.callbridge.statistics.CallFacts.Stored;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How soon missed calls were called back ({@code call_facts.callback_seconds}): from a
 * missed call's end to the start of the first outbound call to the same number that
 * started at or after it, within 24 hours. Kept from both sides, so the order in which
 * the calls are written does not matter: a missed call looks forward for an outbound one,
 * and an outbound call recomputes the missed calls of its number that ended in the 24
 * hours before it (and, when its number, start, direction or result changed, those of its
 * old place). Only a call that was dialled is a call-back: an outbound call Callbridge
 * rejected or the provider did not allow is not. Withheld numbers never match. Callers
 * hold the tenant's lock, so two calls of a number written at once still see each other.
 */
@Repository
class CallBacks {

	/** The longest a call-back may come after the missed call to count as one. */
	static final Duration WINDOW = Duration.ofHours(24);

	/** The results of an outbound call that was never dialled. */
	static final Set<CallResult> NOT_DIALLED = EnumSet.of(CallResult.REJECTED, CallResult.NOT_ALLOWED);

	private final JdbcClient jdbc;

	CallBacks(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Brings the call-back times up to date after a fact was written.
	 * @param fact the fact written
	 * @param before its row before, if there was one
	 */
	void link(CallFact fact, @Nullable Stored before) {
		link(fact, before, new HashMap<>());
	}

	/**
	 * Brings the call-back times up to date after one of several facts written together
	 * was written. A time is written only when it changes.
	 * @param fact the fact written
	 * @param before its row before, if there was one
	 * @param known the call-back times as this transaction has left them, by call: read
	 * before the facts were written and kept up to date here (a call not in it has the
	 * time of {@code before})
	 */
	void link(CallFact fact, @Nullable Stored before, Map<Long, @Nullable Integer> known) {
		Integer seconds = fact.missed() ? callBackOf(fact.tenantId(), fact.externalNumber(), fact.endedAt()) : null;
		// A fact written anew has none yet; a rewritten one keeps what it had.
		Integer stored = known.containsKey(fact.callId()) ? known.get(fact.callId())
				: (before != null) ? before.callbackSeconds() : null;
		if (!Objects.equals(seconds, stored)) {
			keep(fact.callId(), seconds, known);
		}
		boolean callBack = isCallBack(fact.direction(), fact.result());
		if (callBack) {
			relink(fact.tenantId(), fact.externalNumber(), fact.startedAt(), known);
		}
		if (before != null && isCallBack(before.direction(), before.result())
				&& (!callBack || !Objects.equals(before.externalNumber(), fact.externalNumber())
						|| !before.startedAt().equals(fact.startedAt()))) {
			relink(fact.tenantId(), before.externalNumber(), before.startedAt(), known);
		}
	}

	// A call that was dialled: outbound, neither rejected by Callbridge nor refused by
	// the provider.
	private static boolean isCallBack(CallDirection direction, CallResult result) {
		return direction == CallDirection.OUTBOUND && !NOT_DIALLED.contains(result);
	}

	// The missed calls an outbound call starting then may be the call-back of.
	private void relink(long tenantId, @Nullable String number, Instant outboundStart,
			Map<Long, @Nullable Integer> known) {
		if (number == null) {
			return;
		}
		// The start bounds only narrow the index range (no call rings for a day); the end
		// decides.
		List<MissedEnd> missed = this.jdbc.sql("""
				SELECT call_id, ended_at, callback_seconds FROM call_facts
				WHERE tenant_id = ? AND external_number = ? AND started_at >= ? AND started_at <= ? AND missed = TRUE
				  AND ended_at >= ? AND ended_at <= ?""")
			.params(tenantId, number, Jdbc.ts(outboundStart.minus(WINDOW.multipliedBy(2))), Jdbc.ts(outboundStart),
					Jdbc.ts(outboundStart.minus(WINDOW)), Jdbc.ts(outboundStart))
			.query((rs, n) -> new MissedEnd(rs.getLong("call_id"), Jdbc.instant(rs, "ended_at"),
					Jdbc.intOrNull(rs, "callback_seconds")))
			.list();
		for (MissedEnd call : missed) {
			Integer seconds = callBackOf(tenantId, number, call.endedAt());
			if (!Objects.equals(seconds, call.callbackSeconds())) {
				keep(call.callId(), seconds, known);
			}
		}
	}

	private @Nullable Integer callBackOf(long tenantId, @Nullable String number, Instant missedEnd) {
		if (number == null) {
			return null;
		}
		Optional<Instant> first = this.jdbc.sql("""
				SELECT MIN(started_at) AS first_start FROM call_facts
				WHERE tenant_id = ? AND external_number = ? AND started_at >= ? AND started_at <= ?
				  AND direction = 'OUTBOUND' AND result NOT IN ('REJECTED', 'NOT_ALLOWED')""")
			.params(tenantId, number, Jdbc.ts(missedEnd), Jdbc.ts(missedEnd.plus(WINDOW)))
			.query((rs, n) -> Optional.ofNullable(Jdbc.instant(rs, "first_start")))
			.single();
		return first.map((start) -> (int) Duration.between(missedEnd, start).toSeconds()).orElse(null);
	}

	private void keep(long callId, @Nullable Integer seconds, Map<Long, @Nullable Integer> known) {
		this.jdbc.sql("UPDATE call_facts SET callback_seconds = ? WHERE call_id = ?").params(seconds, callId).update();
		known.put(callId, seconds);
	}

	private record MissedEnd(long callId, Instant endedAt, @Nullable Integer callbackSeconds) {
	}

}
