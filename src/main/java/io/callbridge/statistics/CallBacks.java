package io.callbridge.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.callbridge.shared.Jdbc;
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
 * once. Only a call that was dialled is a call-back: an outbound call Callbridge rejected
 * or the provider did not allow is not. Withheld numbers never match. Callers hold the
 * tenant's lock, so two calls of a number written at once still see each other.
 */
@Repository
class CallBacks {

	/** The longest a call-back may come after the missed call to count as one. */
	static final Duration WINDOW = Duration.ofHours(24);

	/** The results of an outbound call that was never dialled. */
	static final Set<CallResult> NOT_DIALLED = EnumSet.of(CallResult.REJECTED, CallResult.NOT_ALLOWED);

	// The numbers of one lookup at most: an IN list far below every driver's limit.
	private static final int NUMBERS_PER_QUERY = 1000;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	CallBacks(JdbcClient jdbc, JdbcTemplate batches) {
		this.jdbc = jdbc;
		this.batches = batches;
	}

	/**
	 * Brings the call-back times up to date after a fact was written.
	 * @param fact the fact written
	 * @param before its row before, if there was one
	 */
	void link(CallFact fact, @Nullable Stored before) {
		linkAll(fact.tenantId(), List.of(new Written(fact, before)));
	}

	/**
	 * Brings the call-back times up to date after facts of one tenant were written
	 * together: every missed call they can change (their own, and those that ended in the
	 * 24 hours before a call-back they were or are now) is worked out once, from the
	 * facts as now stored, whatever the order they were written in. Three statements
	 * however many facts: the missed calls near the call-backs, the call-backs near the
	 * missed calls, and the times that changed (only those are written).
	 * @param tenantId tenant
	 * @param written the facts written, each with its row before
	 */
	void linkAll(long tenantId, List<Written> written) {
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
		Map<String, NavigableSet<Instant>> starts = callBacksAfter(tenantId, missed.values());
		for (Missed call : missed.values()) {
			Integer seconds = callBackOf(call, starts.get(call.number()));
			if (!Objects.equals(seconds, call.callbackSeconds())) {
				changed.put(call.callId(), seconds);
			}
		}
		write(changed);
	}

	// A call that was dialled: outbound, neither rejected by Callbridge nor refused by
	// the provider.
	private static boolean isCallBack(CallDirection direction, CallResult result) {
		return direction == CallDirection.OUTBOUND && !NOT_DIALLED.contains(result);
	}

	// The missed calls that ended in the 24 hours before one of the call-backs, by call.
	private Map<Long, Missed> missedNear(long tenantId, Map<String, List<Instant>> callBacks) {
		Map<Long, Missed> near = new HashMap<>();
		if (callBacks.isEmpty()) {
			return near;
		}
		List<Instant> all = callBacks.values().stream().flatMap(List::stream).toList();
		Instant first = Collections.min(all);
		Instant last = Collections.max(all);
		// The start bounds only narrow the index range (no call rings for a day); the
		// end decides.
		for (List<String> numbers : chunks(callBacks.keySet())) {
			this.jdbc.sql("""
					SELECT call_id, external_number, ended_at, callback_seconds FROM call_facts
					WHERE tenant_id = :tenant AND external_number IN (:numbers) AND started_at >= :from
					  AND started_at <= :to AND missed = TRUE AND ended_at >= :endedFrom AND ended_at <= :to""")
				.param("tenant", tenantId)
				.param("numbers", numbers)
				.param("from", Jdbc.ts(first.minus(WINDOW.multipliedBy(2))))
				.param("to", Jdbc.ts(last))
				.param("endedFrom", Jdbc.ts(first.minus(WINDOW)))
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

	// The starts of the dialled outbound calls to the missed calls' numbers, from the
	// first missed call's end to 24 hours after the last's, by number.
	private Map<String, NavigableSet<Instant>> callBacksAfter(long tenantId, Collection<Missed> missed) {
		Map<String, NavigableSet<Instant>> starts = new HashMap<>();
		if (missed.isEmpty()) {
			return starts;
		}
		Instant from = missed.stream().map(Missed::endedAt).min(Comparator.naturalOrder()).orElseThrow();
		Instant to = missed.stream().map(Missed::endedAt).max(Comparator.naturalOrder()).orElseThrow().plus(WINDOW);
		for (List<String> numbers : chunks(missed.stream().map(Missed::number).collect(Collectors.toSet()))) {
			this.jdbc.sql("""
					SELECT external_number, started_at FROM call_facts
					WHERE tenant_id = :tenant AND external_number IN (:numbers) AND started_at >= :from
					  AND started_at <= :to AND direction = 'OUTBOUND' AND result NOT IN ('REJECTED', 'NOT_ALLOWED')""")
				.param("tenant", tenantId)
				.param("numbers", numbers)
				.param("from", Jdbc.ts(from))
				.param("to", Jdbc.ts(to))
				.query((rs, n) -> Map.entry(rs.getString("external_number"), Jdbc.instant(rs, "started_at")))
				.list()
				.forEach((start) -> starts.computeIfAbsent(start.getKey(), (k) -> new TreeSet<>())
					.add(start.getValue()));
		}
		return starts;
	}

	// From the missed call's end to the first call-back that started at or after it,
	// within 24 hours.
	private static @Nullable Integer callBackOf(Missed call, @Nullable NavigableSet<Instant> starts) {
		Instant first = (starts != null) ? starts.ceiling(call.endedAt()) : null;
		if (first == null || first.isAfter(call.endedAt().plus(WINDOW))) {
			return null;
		}
		return (int) Duration.between(call.endedAt(), first).toSeconds();
	}

	private void write(Map<Long, @Nullable Integer> changed) {
		if (changed.isEmpty()) {
			return;
		}
		List<Object[]> rows = new ArrayList<>();
		// In the calls' order, so two writers lock the rows in the same order.
		new TreeMap<>(changed).forEach((callId, seconds) -> rows.add(new Object[] { seconds, callId }));
		this.batches.batchUpdate("UPDATE call_facts SET callback_seconds = ? WHERE call_id = ?", rows);
	}

	private static List<List<String>> chunks(Collection<String> numbers) {
		List<String> all = new ArrayList<>(numbers);
		List<List<String>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += NUMBERS_PER_QUERY) {
			chunks.add(all.subList(from, Math.min(all.size(), from + NUMBERS_PER_QUERY)));
		}
		return chunks;
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
