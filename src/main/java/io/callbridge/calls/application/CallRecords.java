package io.callbridge.calls.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.Participant;
import io.callbridge.calls.model.TimelineEvent;
import io.callbridge.shared.BulkInserts;
import io.callbridge.shared.CopyText;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.KeyedReads;
import io.callbridge.shared.RowLocks;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Writes calls and their events: the storage side of event ingestion.
 */
@Repository
class CallRecords {

	/**
	 * The known-calls lookup: one scalar subquery per id, so each id is one probe of the
	 * (account_id, provider_call_id) key and its call's events one of the (call_id, …)
	 * key, on H2 as on PostgreSQL, with or without statistics. Joined to a table of
	 * values instead, PostgreSQL without statistics hashes all the account's calls and
	 * scans all events (about 0.3–0.9 s per page of 500 at 100,000 calls); an
	 * {@code EXISTS} there is turned into the same hash. Followed by the ids as
	 * {@code (?), (?), …} and {@link #KNOWN_END}.
	 */
	static final String KNOWN = """
			SELECT ids.provider_call_id,
			  (SELECT c.state FROM calls c WHERE c.account_id = ? AND c.provider_call_id = ids.provider_call_id) AS state,
			  (SELECT COUNT(*) FROM calls c JOIN call_events e ON e.call_id = c.id
			    WHERE c.account_id = ? AND c.provider_call_id = ids.provider_call_id AND e.type = 'ENDED'
			    AND e.source NOT IN ('POLL', 'SWEEPER')) AS reported_ends
			FROM (VALUES\s""";

	static final String KNOWN_END = ") AS ids (provider_call_id)";

	/**
	 * A call's event, with the values of {@link #eventRow} and their
	 * {@link #EVENT_TYPES}.
	 */
	static final String INSERT_EVENT = """
			INSERT INTO call_events (call_id, tenant_id, type, occurred_at, received_at, extension, agent_id,
			  transfer_from, result, talk_seconds, recording_ref, cost, currency, dedupe_key, raw_payload, source)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	static final int[] EVENT_TYPES = { Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
			Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.INTEGER,
			Types.VARCHAR, Types.DECIMAL, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR };

	private static final String EVENT_COLUMNS = """
			k.call_id, k.type, k.occurred_at, k.extension, k.agent_id, k.transfer_from, k.result, k.talk_seconds,
			  k.recording_ref, k.cost, k.currency, k.source, k.dedupe_key""";

	private static final String LOCKED_COLUMNS = """
			id, tenant_id, direction, external_number_raw, external_number, our_line, contact_id, originated_by,
			  campaign_id, version""";

	// PostgreSQL: each key one probe of the unique key, its row locked by the lateral
	// subquery (OFFSET 0 keeps it apart), in the order of the keys; the lock clause
	// follows (RowLocks).
	private static final String LOCK_EACH = """
			SELECT k.* FROM UNNEST(CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR ARRAY)) AS keys (account_id, provider_call_id)
			CROSS JOIN LATERAL (SELECT account_id, provider_call_id,\s"""
			+ LOCKED_COLUMNS + """
					 FROM calls c
					  WHERE c.account_id = keys.account_id AND c.provider_call_id = keys.provider_call_id OFFSET 0) AS k
					""";

	private static final String UPDATE_SUMMARY = """
			UPDATE calls SET state = ?, result = ?, started_at = ?, answered_at = ?, ended_at = ?, ring_seconds = ?,
			  talk_seconds = ?, total_seconds = ?, agent_id = ?, recording_ref = ?, cost = ?, currency = ?,
			  end_source = ?, version = ?, updated_at = ?, last_event_at = CURRENT_TIMESTAMP,
			  direction = ?, external_number_raw = ?, external_number = ?, our_line = ?, contact_id = ?,
			  originated_by = ?, campaign_id = ? WHERE id = ?""";

	private static final int[] SUMMARY_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP_WITH_TIMEZONE,
			Types.TIMESTAMP_WITH_TIMEZONE, Types.TIMESTAMP_WITH_TIMEZONE, Types.INTEGER, Types.INTEGER, Types.INTEGER,
			Types.BIGINT, Types.VARCHAR, Types.DECIMAL, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
			Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
			Types.BIGINT, Types.BIGINT, Types.BIGINT };

	/**
	 * New calls with their summary ({@link #reserve}): the columns of
	 * {@link #UPDATE_SUMMARY} in its order (the id last), then the tenant, the account
	 * and the provider call id; followed by {@link #INSERT_NEW_ROW} per row and
	 * {@link #SKIP_STORED}.
	 */
	private static final String INSERT_NEW = """
			INSERT INTO calls (state, result, started_at, answered_at, ended_at, ring_seconds, talk_seconds,
			  total_seconds, agent_id, recording_ref, cost, currency, end_source, version, updated_at, direction,
			  external_number_raw, external_number, our_line, contact_id, originated_by, campaign_id, id, tenant_id,
			  account_id, provider_call_id, last_event_at) VALUES\s""";

	private static final String INSERT_NEW_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			+ "CURRENT_TIMESTAMP)";

	private static final int[] INSERT_NEW_TYPES = IntStream
		.concat(Arrays.stream(SUMMARY_TYPES), IntStream.of(Types.BIGINT, Types.BIGINT, Types.VARCHAR))
		.toArray();

	private static final int INSERTS_AT_ONCE = 1_000;

	/**
	 * A new call's row is skipped when its provider call id is stored meanwhile; the
	 * applying transaction then fails with {@link CallStoredMeanwhile}.
	 */
	private static final String SKIP_STORED = " ON CONFLICT (account_id, provider_call_id) DO NOTHING";

	private static final String TOUCH = "UPDATE calls SET last_event_at = CURRENT_TIMESTAMP WHERE id = ?";

	private static final int[] TOUCH_TYPES = { Types.BIGINT };

	private static final String TOUCH_PLACE = """
			UPDATE calls SET last_event_at = CURRENT_TIMESTAMP, direction = ?, external_number_raw = ?,
			  external_number = ?, our_line = ?, contact_id = ?, originated_by = ?, campaign_id = ? WHERE id = ?""";

	private static final int[] PLACE_TYPES = { Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BIGINT,
			Types.BIGINT, Types.BIGINT, Types.BIGINT };

	private static final int ROWS_WORTH_KEEPING_PLANS = 8;

	private final JdbcClient jdbc;

	private final JdbcTemplate batches;

	private final KeyedReads keyed;

	private final BulkInserts bulk;

	private final RowLocks locks;

	// Not against the foreign-key checks of other modules' inserts (RowLocks).
	private final String forUpdate;

	CallRecords(JdbcClient jdbc, JdbcTemplate batches, KeyedReads keyed, BulkInserts bulk, RowLocks locks) {
		this.locks = locks;
		this.forUpdate = locks.forUpdate();
		this.jdbc = jdbc;
		this.batches = batches;
		this.keyed = keyed;
		this.bulk = bulk;
	}

	/**
	 * The fields of a call row that enrichment looks at, read under a row lock.
	 *
	 * @param id call id
	 * @param tenantId tenant
	 * @param direction direction
	 * @param externalNumberRaw number as received
	 * @param ourLine our number
	 * @param contactId linked contact
	 * @param originatedBy originating agent
	 * @param campaignId campaign of the call
	 * @param version the call's version: how many times its summary changed
	 */
	record LockedCall(long id, long tenantId, CallDirection direction, @Nullable String externalNumberRaw,
			@Nullable String externalNumber, @Nullable String ourLine, @Nullable Long contactId,
			@Nullable Long originatedBy, @Nullable Long campaignId, long version) {

		LockedCall withDirection(CallDirection changed) {
			return new LockedCall(this.id, this.tenantId, changed, this.externalNumberRaw, this.externalNumber,
					this.ourLine, this.contactId, this.originatedBy, this.campaignId, this.version);
		}

		LockedCall withNumber(String raw, @Nullable String e164) {
			return new LockedCall(this.id, this.tenantId, this.direction, raw, e164, this.ourLine, this.contactId,
					this.originatedBy, this.campaignId, this.version);
		}

		LockedCall withOurLine(String line) {
			return new LockedCall(this.id, this.tenantId, this.direction, this.externalNumberRaw, this.externalNumber,
					line, this.contactId, this.originatedBy, this.campaignId, this.version);
		}

		LockedCall withContact(long contact) {
			return new LockedCall(this.id, this.tenantId, this.direction, this.externalNumberRaw, this.externalNumber,
					this.ourLine, contact, this.originatedBy, this.campaignId, this.version);
		}

		LockedCall withOriginator(long agent) {
			return new LockedCall(this.id, this.tenantId, this.direction, this.externalNumberRaw, this.externalNumber,
					this.ourLine, this.contactId, agent, this.campaignId, this.version);
		}

		LockedCall withCampaign(long campaign) {
			return new LockedCall(this.id, this.tenantId, this.direction, this.externalNumberRaw, this.externalNumber,
					this.ourLine, this.contactId, this.originatedBy, campaign, this.version);
		}

	}

	/**
	 * What is known of a call already stored.
	 *
	 * @param state its state
	 * @param reportedEnd whether it has an end from the provider's own report (a webhook
	 * or its call history), as opposed to only a provisional end seen by a poller or set
	 * by the sweeper
	 */
	record KnownCall(String state, boolean reportedEnd) {
	}

	/**
	 * The account's calls among these provider ids that are stored already, by provider
	 * id, in one query (ask for at most a few hundred ids at a time).
	 */
	Map<String, KnownCall> known(long accountId, Collection<String> providerCallIds) {
		if (providerCallIds.isEmpty()) {
			return Map.of();
		}
		List<Object> params = new ArrayList<>(List.of(accountId, accountId));
		params.addAll(providerCallIds);
		Map<String, KnownCall> known = new HashMap<>();
		this.jdbc.sql(KNOWN + String.join(", ", Collections.nCopies(providerCallIds.size(), "(?)")) + KNOWN_END)
			.params(params)
			.query((rs) -> {
				String state = rs.getString("state");
				if (state != null) {
					known.put(rs.getString("provider_call_id"), new KnownCall(state, rs.getLong("reported_ends") > 0));
				}
			});
		return known;
	}

	/**
	 * Inserts new calls, ringing, as their first events describe them, in one statement.
	 * @param conflict what follows the values: nothing, or a clause that skips a row
	 * whose provider call id is stored (see {@link NewCallRows})
	 * @return the rows inserted, by key: locked by the inserting transaction until it
	 * ends, with no events yet; a call the clause skipped is missing
	 */
	Map<CallKey, LockedCall> insert(List<NewCallRows.NewCall> calls, String conflict) {
		if (calls.isEmpty()) {
			return Map.of();
		}
		List<Object> params = new ArrayList<>();
		Instant now = Instant.now();
		for (NewCallRows.NewCall call : calls) {
			params.addAll(Arrays.asList(call.tenantId(), call.key().accountId(), call.key().providerCallId(),
					direction(call.first()).name(), Jdbc.ts(call.first().occurredAt()), Jdbc.ts(now)));
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		Runnable insert = () -> this.jdbc
			.sql("""
					INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, state, started_at, updated_at,
					  last_event_at) VALUES\s"""
					+ String.join(", ",
							Collections.nCopies(calls.size(), "(?, ?, ?, ?, 'RINGING', ?, ?, CURRENT_TIMESTAMP)"))
					+ conflict)
			.params(params)
			.update(keys, "id", "account_id", "provider_call_id");
		keepingPlans(calls.size(), insert);
		Map<CallKey, NewCallRows.NewCall> byKey = new HashMap<>();
		calls.forEach((call) -> byKey.put(call.key(), call));
		Map<CallKey, LockedCall> inserted = new HashMap<>();
		for (Map<String, Object> row : keys.getKeyList()) {
			// The column names are the database's (id or ID).
			Map<String, Object> key = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
			key.putAll(row);
			NewCallRows.NewCall call = byKey
				.get(new CallKey(((Number) key.get("account_id")).longValue(), (String) key.get("provider_call_id")));
			inserted.put(call.key(), new LockedCall(((Number) key.get("id")).longValue(), call.tenantId(),
					direction(call.first()), null, null, null, null, null, null, 0));
		}
		return inserted;
	}

	/**
	 * Ids for new calls whose rows are written only once their events are applied, with
	 * the summary those leave ({@link Writes#insertingLater}, PostgreSQL only): a row
	 * inserted first and updated at the end was two versions of it, each with an entry in
	 * every index of {@code calls}.
	 * @param calls the calls, each with its first event
	 * @return the calls as they will be inserted (no events yet), by key, with their ids
	 * taken from the table's identity sequence
	 */
	Map<CallKey, LockedCall> reserve(List<NewCallRows.NewCall> calls) {
		if (calls.isEmpty()) {
			return Map.of();
		}
		List<Long> ids = CopyText.reserveIds(this.batches, "calls", calls.size());
		Map<CallKey, LockedCall> reserved = new HashMap<>();
		for (int i = 0; i < calls.size(); i++) {
			NewCallRows.NewCall call = calls.get(i);
			reserved.put(call.key(), new LockedCall(ids.get(i), call.tenantId(), direction(call.first()), null, null,
					null, null, null, null, 0));
		}
		return reserved;
	}

	private static CallDirection direction(ProviderCallEvent first) {
		return (first.direction() != null) ? first.direction() : CallDirection.INBOUND;
	}

	LockedCall lock(long callId) {
		return this.jdbc.sql("SELECT " + LOCKED_COLUMNS + " FROM calls WHERE id = ?" + this.forUpdate)
			.param(callId)
			.query(CallRecords::locked)
			.single();
	}

	/**
	 * The call of a provider call id, locked; one statement where most events find it.
	 */
	Optional<LockedCall> lock(long accountId, String providerCallId) {
		return this.jdbc
			.sql("SELECT account_id, provider_call_id, " + LOCKED_COLUMNS
					+ " FROM calls WHERE account_id = ? AND provider_call_id = ?" + this.forUpdate)
			.params(accountId, providerCallId)
			.query(CallRecords::locked)
			.optional();
	}

	/**
	 * The call of a provider call id, locked if no other transaction holds it: a
	 * transaction that already holds other calls must not wait for one out of their key
	 * order ({@link CallEventIngestion}'s calls another transaction stored meanwhile).
	 * @throws org.springframework.dao.CannotAcquireLockException when another transaction
	 * holds it (PostgreSQL aborts the transaction then)
	 */
	Optional<LockedCall> lockAtOnce(long accountId, String providerCallId) {
		return this.locks.atOnce(() -> this.jdbc
			.sql("SELECT account_id, provider_call_id, " + LOCKED_COLUMNS
					+ " FROM calls WHERE account_id = ? AND provider_call_id = ?" + this.locks.forUpdateAtOnce())
			.params(accountId, providerCallId)
			.query(CallRecords::locked)
			.optional());
	}

	/**
	 * The stored calls among these, locked in the order of their keys ({@link CallKey}),
	 * so that two transactions locking some of the same calls wait for each other instead
	 * of deadlocking; each key one probe of the calls' unique key, with or without
	 * statistics. On PostgreSQL several keys are one statement, a lateral probe per key
	 * ({@link KeyedReads}; its subquery locks each row as it is found); on H2, which
	 * probes such a list by the account alone (every call of the account read), each key
	 * is a statement of its own, in-process there.
	 * @param keys the calls' keys
	 * @return the calls found, by key
	 */
	Map<CallKey, LockedCall> lock(Collection<CallKey> keys) {
		List<CallKey> sorted = keys.stream().sorted().distinct().toList();
		Map<CallKey, LockedCall> locked = new HashMap<>();
		if (!this.keyed.lateral() || sorted.size() == 1) {
			sorted.forEach(
					(key) -> lock(key.accountId(), key.providerCallId()).ifPresent((call) -> locked.put(key, call)));
			return locked;
		}
		this.jdbc.sql(LOCK_EACH + this.forUpdate)
			.params(sorted.stream().map(CallKey::accountId).toArray(Long[]::new),
					sorted.stream().map(CallKey::providerCallId).toArray(String[]::new))
			.query((rs) -> {
				locked.put(new CallKey(rs.getLong("account_id"), rs.getString("provider_call_id")), locked(rs, 0));
			});
		return locked;
	}

	private static LockedCall locked(ResultSet rs, int row) throws SQLException {
		return new LockedCall(rs.getLong("id"), rs.getLong("tenant_id"),
				CallDirection.valueOf(rs.getString("direction")), rs.getString("external_number_raw"),
				rs.getString("external_number"), rs.getString("our_line"), Jdbc.longOrNull(rs, "contact_id"),
				Jdbc.longOrNull(rs, "originated_by"), Jdbc.longOrNull(rs, "campaign_id"), rs.getLong("version"));
	}

	/**
	 * A call's event as {@link #INSERT_EVENT} stores it.
	 */
	static Object[] eventRow(long callId, long tenantId, ProviderCallEvent event, @Nullable Long agentId,
			Instant receivedAt) {
		return new Object[] { callId, tenantId, event.type().name(), Jdbc.ts(event.occurredAt()), Jdbc.ts(receivedAt),
				event.extension(), agentId, event.transferFrom(), name(event.result()), event.talkSeconds(),
				event.recordingRef(), event.cost(), event.currency(),
				StorableEvent.key(event.effectiveDedupeKey(), StorableEvent.DEDUPE_KEY), event.rawPayload(),
				event.source().name() };
	}

	/**
	 * What applying events writes to calls and their events, held until the transaction's
	 * calls are all applied and then sent as one batch per statement: a lane's batch of
	 * events of several calls costs a few round trips, not a few per event. Nothing in
	 * the applying transaction reads these rows before they are written ({@link #write}).
	 */
	static final class Writes {

		private final List<Object[]> events = new ArrayList<>();

		private final List<Object[]> summaries = new ArrayList<>();

		private final Map<Long, NewCallRows.NewCall> insertLater;

		private final List<Object[]> inserts = new ArrayList<>();

		private final List<Object[]> touches = new ArrayList<>();

		private final List<Object[]> places = new ArrayList<>();

		/** Writes to calls that are all stored (or inserted already). */
		Writes() {
			this(Map.of());
		}

		private Writes(Map<Long, NewCallRows.NewCall> insertLater) {
			this.insertLater = insertLater;
		}

		/**
		 * Writes to calls of which some have no row yet: their rows are inserted with
		 * their summary.
		 * @param calls the new calls
		 * @param reserved the same calls with the id reserved for each
		 * ({@link CallRecords#reserve}), by key
		 * @return the writes, empty
		 */
		static Writes insertingLater(List<NewCallRows.NewCall> calls, Map<CallKey, LockedCall> reserved) {
			Map<Long, NewCallRows.NewCall> byId = new HashMap<>();
			calls.forEach((call) -> byId.put(reserved.get(call.key()).id(), call));
			return new Writes(byId);
		}

		void insertEvent(long callId, long tenantId, ProviderCallEvent event, @Nullable Long agentId,
				Instant receivedAt) {
			this.events.add(eventRow(callId, tenantId, event, agentId, receivedAt));
		}

		/**
		 * Stores a changed summary with the call's new version and what its events taught
		 * (direction, numbers, line, contact, originator, campaign), and notes (on the
		 * database's clock) that an event arrived.
		 */
		void updateSummary(LockedCall call, CallSummary summary, long version) {
			Participant owner = summary.owner();
			Object[] row = { summary.state().name(), name(summary.result()), Jdbc.ts(summary.startedAt()),
					Jdbc.ts(summary.answeredAt()), Jdbc.ts(summary.endedAt()), summary.ringSeconds(),
					summary.talkSeconds(), summary.totalSeconds(), (owner != null) ? owner.agentId() : null,
					summary.recordingRef(), summary.cost(), summary.currency(), name(summary.endSource()), version,
					Jdbc.ts(Instant.now()), call.direction().name(), call.externalNumberRaw(), call.externalNumber(),
					call.ourLine(), call.contactId(), call.originatedBy(), call.campaignId(), call.id() };
			NewCallRows.NewCall created = this.insertLater.get(call.id());
			if (created == null) {
				this.summaries.add(row);
				return;
			}
			// A new call's row, with the columns only an insert sets.
			Object[] inserted = Arrays.copyOf(row, row.length + 3);
			inserted[row.length] = created.tenantId();
			inserted[row.length + 1] = created.key().accountId();
			inserted[row.length + 2] = created.key().providerCallId();
			this.inserts.add(inserted);
		}

		/**
		 * Notes (on the database's clock) that an event arrived that changed no summary,
		 * with what its events taught when that changed.
		 * @param before the call as locked
		 * @param now the call as its events left it
		 */
		void touch(LockedCall before, LockedCall now) {
			if (before.equals(now)) {
				this.touches.add(new Object[] { now.id() });
				return;
			}
			this.places.add(new Object[] { now.direction().name(), now.externalNumberRaw(), now.externalNumber(),
					now.ourLine(), now.contactId(), now.originatedBy(), now.campaignId(), now.id() });
		}

	}

	/**
	 * Sends what applying events held back: the new calls' rows first, then the events,
	 * then the changes of the stored calls' rows.
	 * @throws CallStoredMeanwhile when a new call's row was stored by another transaction
	 * meanwhile
	 */
	void write(Writes writes) {
		if (writes.inserts.size() != writes.insertLater.size()) {
			// Every new call's first event changes its summary; a call without one would
			// be left without a row while its id is in use.
			throw new IllegalStateException((writes.insertLater.size() - writes.inserts.size())
					+ " new call(s) were applied without a summary");
		}
		keepingPlans(writes.inserts.size() + writes.events.size() + writes.summaries.size() + writes.places.size()
				+ writes.touches.size(), () -> {
					insertNew(writes.inserts);
					send(INSERT_EVENT, writes.events, EVENT_TYPES);
					send(UPDATE_SUMMARY, writes.summaries, SUMMARY_TYPES);
					send(TOUCH_PLACE, writes.places, PLACE_TYPES);
					send(TOUCH, writes.touches, TOUCH_TYPES);
				});
	}

	// The new calls first: their events refer to them. In statements of at most
	// INSERTS_AT_ONCE rows (PostgreSQL takes at most 65,535 parameters).
	private void insertNew(List<Object[]> rows) {
		for (int from = 0; from < rows.size(); from += INSERTS_AT_ONCE) {
			List<Object[]> part = rows.subList(from, Math.min(rows.size(), from + INSERTS_AT_ONCE));
			List<Object> params = new ArrayList<>(part.size() * INSERT_NEW_TYPES.length);
			int[] types = new int[part.size() * INSERT_NEW_TYPES.length];
			for (int i = 0; i < part.size(); i++) {
				params.addAll(Arrays.asList(part.get(i)));
				System.arraycopy(INSERT_NEW_TYPES, 0, types, i * INSERT_NEW_TYPES.length, INSERT_NEW_TYPES.length);
			}
			int inserted = this.batches.update(
					INSERT_NEW + String.join(", ", Collections.nCopies(part.size(), INSERT_NEW_ROW)) + SKIP_STORED,
					params.toArray(), types);
			if (inserted != part.size()) {
				throw new CallStoredMeanwhile(part.size() - inserted);
			}
		}
	}

	// Writes by key of many rows keep their plans and those of their foreign-key checks
	// (BulkInserts): planned again for every row of a lane's batch, the summaries' update
	// alone spent 74 µs a row planning (pg_stat_statements, a burst of rings). A few rows
	// are not worth the two statements that switch the plan cache mode and back.
	private void keepingPlans(int rows, Runnable writes) {
		if (rows >= ROWS_WORTH_KEEPING_PLANS) {
			this.bulk.run(writes);
		}
		else {
			writes.run();
		}
	}

	// One row is one plain statement, as before these writes were held (a call applied
	// alone: a paced ring, a poll); several are one JDBC batch.
	private void send(String sql, List<Object[]> rows, int[] types) {
		if (rows.size() == 1) {
			this.batches.update(sql, rows.get(0), types);
		}
		else if (!rows.isEmpty()) {
			this.batches.batchUpdate(sql, rows, types);
		}
	}

	/**
	 * The event as the timeline holds it once stored (times to the microsecond, as the
	 * databases keep them).
	 */
	static TimelineEvent timelineEvent(ProviderCallEvent event, @Nullable Long agentId) {
		return new TimelineEvent(event.type(), event.occurredAt().truncatedTo(ChronoUnit.MICROS), event.extension(),
				agentId, event.transferFrom(), event.result(), event.talkSeconds(), event.recordingRef(), event.cost(),
				event.currency(), event.source());
	}

	/**
	 * A call's stored events: its timeline, and the dedupe keys already taken.
	 *
	 * @param timeline the events, in no particular order
	 * @param keys their dedupe keys
	 */
	record StoredEvents(List<TimelineEvent> timeline, Set<String> keys) {

		/** A new call's. */
		static final StoredEvents NONE = new StoredEvents(List.of(), Set.of());

	}

	/**
	 * A call's stored events, read once: what a new event is summarised and deduplicated
	 * with.
	 */
	StoredEvents storedEvents(long callId) {
		return storedEvents(List.of(callId)).getOrDefault(callId, StoredEvents.NONE);
	}

	/**
	 * The stored events of several calls in one statement (one probe of the events'
	 * (call_id, …) key per call, {@link KeyedReads}).
	 * @return each call's with events, by call id
	 */
	Map<Long, StoredEvents> storedEvents(Collection<Long> callIds) {
		if (callIds.isEmpty()) {
			return Map.of();
		}
		Map<Long, StoredEvents> stored = new HashMap<>();
		// One call is one plain probe; several one statement, a probe per key.
		boolean one = callIds.size() == 1;
		this.jdbc
			.sql(one ? "SELECT " + EVENT_COLUMNS + " FROM call_events k WHERE k.call_id = ?"
					: this.keyed.select(EVENT_COLUMNS, "call_events", "call_id"))
			.param(one ? callIds.iterator().next() : KeyedReads.keys(callIds))
			.query((rs) -> {
				StoredEvents call = stored.computeIfAbsent(rs.getLong("call_id"),
						(id) -> new StoredEvents(new ArrayList<>(), new HashSet<>()));
				call.timeline()
					.add(new TimelineEvent(CallEventType.valueOf(rs.getString("type")), Jdbc.instant(rs, "occurred_at"),
							rs.getString("extension"), Jdbc.longOrNull(rs, "agent_id"), rs.getString("transfer_from"),
							(rs.getString("result") != null) ? CallResult.valueOf(rs.getString("result")) : null,
							Jdbc.intOrNull(rs, "talk_seconds"), rs.getString("recording_ref"), rs.getBigDecimal("cost"),
							rs.getString("currency"), EventSource.valueOf(rs.getString("source"))));
				call.keys().add(rs.getString("dedupe_key"));
			});
		return stored;
	}

	CallDirection direction(long callId) {
		return CallDirection.valueOf(
				this.jdbc.sql("SELECT direction FROM calls WHERE id = ?").param(callId).query(String.class).single());
	}

	/**
	 * Calls of an account still open whose last event arrived before the cutoff (database
	 * time), oldest first.
	 */
	List<StaleCall> staleCalls(long accountId, Instant cutoff, int limit) {
		return this.jdbc.sql("""
				SELECT c.id, c.provider_call_id, (SELECT MAX(e.occurred_at) FROM call_events e WHERE e.call_id = c.id)
				  AS last_occurred_at
				FROM calls c WHERE c.account_id = ? AND c.state <> 'ENDED' AND c.last_event_at < ?
				ORDER BY c.last_event_at, c.id LIMIT ?""")
			.params(accountId, Jdbc.ts(cutoff), limit)
			.query((rs, n) -> new StaleCall(rs.getLong("id"), rs.getString("provider_call_id"),
					Jdbc.instant(rs, "last_occurred_at")))
			.list();
	}

	/**
	 * A call nobody reported ended.
	 *
	 * @param id call id
	 * @param providerCallId the provider's id
	 * @param lastOccurredAt the time of its latest event (null if it has none)
	 */
	record StaleCall(long id, String providerCallId, @Nullable Instant lastOccurredAt) {
	}

	/** The database's current time: what times shared between nodes are compared with. */
	Instant databaseNow() {
		return this.jdbc.sql("SELECT CURRENT_TIMESTAMP")
			.query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant())
			.single();
	}

	private static @Nullable String name(@Nullable Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
