package io.callbridge.statistics;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.KeyedReads;
import io.callbridge.statistics.CallFacts.Stored;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * How soon missed calls were called back ({@code call_facts.callback_seconds}): from a
 * missed call's end to the start of the first outbound call to the same number that
 * started at or after it, within 24 hours. Kept from both sides, so the order in which
 * the calls are written does not matter: a missed call looks forward for an outbound one,
 * and an outbound call recomputes the missed calls of its number that ended in the 24
 * hours before it (and, when its number, start, direction or result changed, those of its
 * old place). Facts written together are linked together, each missed call worked out
 * once, and a new missed call is inserted with its time. Only a call that was dialled is
 * a call-back: an outbound call Callbridge rejected or the provider did not allow is not.
 * Withheld numbers never match. Callers hold the tenant's lock, so two calls of a number
 * written at once still see each other.
 */
@Repository
class CallBacks {

	/** The longest a call-back may come after the missed call to count as one. */
	static final Duration WINDOW = Duration.ofHours(24);

	/** The results of an outbound call that was never dialled. */
	static final Set<CallResult> NOT_DIALLED = EnumSet.of(CallResult.REJECTED, CallResult.NOT_ALLOWED);

	// Both lookups join the batch's numbers (or missed calls) as a table of values to one
	// subquery each, which PostgreSQL runs as one probe of call_facts_number per row,
	// whatever the statistics: with "external_number IN (...)" and the period, PostgreSQL
	// without statistics read the whole period through the index instead (50 ms a page).

	/** The ids of the missed calls of each number in its period. */
	private static final String MISSED_NEAR = """
			SELECT (SELECT ARRAY_AGG(f.call_id) FROM call_facts f
			    WHERE f.tenant_id = ? AND f.external_number = p.number AND f.started_at >= p.from_start
			      AND f.started_at <= p.to_start AND f.missed = TRUE AND f.ended_at >= p.ended_from
			      AND f.ended_at <= p.to_start) AS ids
			FROM (VALUES\s""";

	private static final String MISSED_NEAR_ROW = "(CAST(? AS VARCHAR(40)), CAST(? AS TIMESTAMP WITH TIME ZONE), "
			+ "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE))";

	private static final String MISSED_NEAR_END = ") AS p (number, from_start, to_start, ended_from)";

	/** The first dialled outbound call to each missed call's number in its period. */
	private static final String FIRST_CALL_BACKS = """
			SELECT m.call_id, (SELECT MIN(o.started_at) FROM call_facts o
			    WHERE o.tenant_id = ? AND o.external_number = m.number AND o.started_at >= m.ended_at
			      AND o.started_at <= m.until_at AND o.direction = 'OUTBOUND'
			      AND o.result NOT IN ('REJECTED', 'NOT_ALLOWED')) AS first_start
			FROM (VALUES\s""";

	private static final String FIRST_CALL_BACKS_ROW = "(CAST(? AS BIGINT), CAST(? AS VARCHAR(40)), "
			+ "CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS TIMESTAMP WITH TIME ZONE))";

	private static final String FIRST_CALL_BACKS_END = ") AS m (call_id, number, ended_at, until_at)";

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final String missedByIds;

	CallBacks(JdbcClient jdbc, JdbcTemplate batches, KeyedReads keyed) {
		this.jdbc = jdbc;
		this.batches = batches;
		this.missedByIds = keyed.select("k.call_id, k.external_number, k.ended_at, k.callback_seconds", "call_facts",
				"call_id");
	}

	/**
	 * Brings the call-back times up to date after a fact was written.
	 * @param fact the fact written
	 * @param before its row before, if there was one
	 */
	void link(CallFact fact, @Nullable Stored before) {
		write(changes(fact.tenantId(), List.of(new Written(fact, before))));
	}

	/**
	 * The call-back times that facts of one tenant written together change: every missed
	 * call they can change (their own, and those that ended in the 24 hours before a
	 * call-back they were or are now) is worked out once, from the facts as now stored,
	 * whatever the order they were written in. Two statements however many facts: the
	 * missed calls near the call-backs, and the call-backs after the missed calls. A
	 * missed call of the batch need not be stored yet (a missed call is nobody's
	 * call-back), so that it can be inserted with its time.
	 * @param tenantId tenant
	 * @param written the facts written (or, when missed, about to be), each with its row
	 * before
	 * @return the times that change, by call ({@code null}: none any more); to be
	 * {@linkplain #write written}
	 */
	Map<Long, @Nullable Integer> changes(long tenantId, List<Written> written) {
		Map<Long, Missed> missed = new HashMap<>();
		Map<Long, @Nullable Integer> changed = new HashMap<>();
		Map<String, List<Instant>> callBacks = new HashMap<>();
		for (Written one : written) {
			CallFact fact = one.fact();
			Stored before = one.before();
			// A fact written anew has no time yet; a rewritten one keeps what it had.
			Integer stored = (before != null) ? before.callbackSeconds() : null;
			if (fact.missed() && fact.externalNumber() != null) {
				missed.put(fact.callId(), new Missed(fact.callId(), fact.externalNumber(), fact.endedAt(), stored));
			}
			else if (stored != null) {
				changed.put(fact.callId(), null);
			}
			if (isCallBack(fact.direction(), fact.result()) && fact.externalNumber() != null) {
				callBacks.computeIfAbsent(fact.externalNumber(), (n) -> new ArrayList<>()).add(fact.startedAt());
			}
			// Where it was a call-back before: the missed calls there may have lost it.
			if (before != null && isCallBack(before.direction(), before.result()) && before.externalNumber() != null) {
				callBacks.computeIfAbsent(before.externalNumber(), (n) -> new ArrayList<>()).add(before.startedAt());
			}
		}
		missedNear(tenantId, callBacks).forEach(missed::putIfAbsent);
		Map<Long, Instant> first = firstCallBacks(tenantId, missed.values());
		for (Missed call : missed.values()) {
			Integer seconds = callBackOf(call, first.get(call.callId()));
			if (!Objects.equals(seconds, call.callbackSeconds())) {
				changed.put(call.callId(), seconds);
			}
		}
		return changed;
	}

	// A call that was dialled: outbound, neither rejected by Callbridge nor refused by
	// the provider.
	private static boolean isCallBack(CallDirection direction, CallResult result) {
		return direction == CallDirection.OUTBOUND && !NOT_DIALLED.contains(result);
	}

	// The missed calls that ended in the 24 hours before one of the call-backs, by call.
	private Map<Long, Missed> missedNear(long tenantId, Map<String, List<Instant>> callBacks) {
		Map<Long, Missed> near = new HashMap<>();
		List<Long> ids = new ArrayList<>();
		for (List<String> numbers : Jdbc.chunks(callBacks.keySet())) {
			List<Object> params = new ArrayList<>(List.of(tenantId));
			for (String number : numbers) {
				Instant first = Collections.min(callBacks.get(number));
				Instant last = Collections.max(callBacks.get(number));
				// The start bounds only narrow the index range (no call rings for a
				// day); the end decides.
				params.addAll(List.of(number, Jdbc.ts(first.minus(WINDOW.multipliedBy(2))), Jdbc.ts(last),
						Jdbc.ts(first.minus(WINDOW))));
			}
			this.jdbc.sql(MISSED_NEAR + values(numbers.size(), MISSED_NEAR_ROW) + MISSED_NEAR_END)
				.params(params)
				.query((rs, n) -> longs(rs.getArray("ids")))
				.list()
				.forEach(ids::addAll);
		}
		for (List<Long> chunk : Jdbc.chunks(ids)) {
			this.jdbc.sql(this.missedByIds)
				.param(KeyedReads.keys(chunk))
				.query((rs, n) -> new Missed(rs.getLong("call_id"), rs.getString("external_number"),
						Jdbc.instant(rs, "ended_at"), Jdbc.intOrNull(rs, "callback_seconds")))
				.list()
				.stream()
				.filter((call) -> callBacks.get(call.number())
					.stream()
					.anyMatch(
							(start) -> !call.endedAt().isAfter(start) && !call.endedAt().isBefore(start.minus(WINDOW))))
				.forEach((call) -> near.put(call.callId(), call));
		}
		return near;
	}

	// The start of the first dialled outbound call to each missed call's number within
	// 24 hours of its end, by missed call (none when there is none).
	private Map<Long, Instant> firstCallBacks(long tenantId, Collection<Missed> missed) {
		Map<Long, Instant> first = new HashMap<>();
		for (List<Missed> chunk : Jdbc.chunks(missed)) {
			List<Object> params = new ArrayList<>(List.of(tenantId));
			for (Missed call : chunk) {
				params.addAll(List.of(call.callId(), call.number(), Jdbc.ts(call.endedAt()),
						Jdbc.ts(call.endedAt().plus(WINDOW))));
			}
			this.jdbc.sql(FIRST_CALL_BACKS + values(chunk.size(), FIRST_CALL_BACKS_ROW) + FIRST_CALL_BACKS_END)
				.params(params)
				.query((rs) -> {
					Instant start = Jdbc.instant(rs, "first_start");
					if (start != null) {
						first.put(rs.getLong("call_id"), start);
					}
				});
		}
		return first;
	}

	private static String values(int rows, String row) {
		return String.join(", ", Collections.nCopies(rows, row));
	}

	// A BIGINT array as the drivers give it: PostgreSQL's Long[], H2's Object[] of Long.
	private static List<Long> longs(@Nullable Array array) throws SQLException {
		if (array == null) {
			return List.of();
		}
		List<Long> values = new ArrayList<>();
		for (Object value : (Object[]) array.getArray()) {
			values.add(((Number) value).longValue());
		}
		return values;
	}

	// From the missed call's end to the first call-back that started at or after it,
	// within 24 hours.
	private static @Nullable Integer callBackOf(Missed call, @Nullable Instant first) {
		return (first != null) ? (int) Duration.between(call.endedAt(), first).toSeconds() : null;
	}

	/** Writes call-back times of stored facts, by call ({@code null}: none). */
	void write(Map<Long, @Nullable Integer> changed) {
		if (changed.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>();
		// In the calls' order, so two writers lock the rows in the same order.
		new TreeMap<>(changed).forEach((callId, seconds) -> rows.add(new Object[] { seconds, callId }));
		this.batches.batchUpdate("UPDATE call_facts SET callback_seconds = ? WHERE call_id = ?", rows);
	}

	/**
	 * A fact as written, with its row before.
	 *
	 * @param fact the fact written
	 * @param before its row before, null when it is new
	 */
	record Written(CallFact fact, @Nullable Stored before) {
	}

	private record Missed(long callId, String number, Instant endedAt, @Nullable Integer callbackSeconds) {
	}

}
