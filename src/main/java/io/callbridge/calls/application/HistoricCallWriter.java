package io.callbridge.calls.application;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.callbridge.agents.Agents;
import io.callbridge.calls.CallRecorded;
import io.callbridge.calls.CampaignLines;
import io.callbridge.calls.HistoryCallsEnded;
import io.callbridge.calls.application.Originations.PendingRequests;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.CallTimeline;
import io.callbridge.calls.model.TimelineEvent;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.shared.BulkInserts;
import io.callbridge.shared.Jdbc;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.tenants.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a page of calls that are new to Callbridge, found in a provider's history, as
 * event ingestion would have written them one by one — the same call rows, events,
 * summaries (from {@link CallTimeline}) and published facts ({@link CallChanges},
 * {@link CallRecorded}) — but in one transaction with JDBC batches, and with what
 * enrichment looks up (agents on extensions, contacts by number, campaign lines, pending
 * click-to-call requests) read once per page rather than once per event.
 */
@Component
class HistoricCallWriter {

	private static final String INSERT_CALL = """
			INSERT INTO calls (tenant_id, account_id, provider_call_id, direction, external_number,
			  external_number_raw, our_line, state, result, started_at, answered_at, ended_at, ring_seconds,
			  talk_seconds, total_seconds, agent_id, contact_id, campaign_id, recording_ref, cost, currency,
			  end_source, version, updated_at, last_event_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, CURRENT_TIMESTAMP)""";

	private final JdbcTemplate jdbc;

	private final Agents agents;

	private final Contacts contacts;

	private final Tenants tenants;

	private final Originations originations;

	// Optional: the module that keeps campaigns provides it (as for CallEnrichment).
	private final ObjectProvider<CampaignLines> campaignLines;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Counter applied;

	private final BulkInserts bulk;

	HistoricCallWriter(JdbcTemplate jdbc, Agents agents, Contacts contacts, Tenants tenants, Originations originations,
			ObjectProvider<CampaignLines> campaignLines, ApplicationEventPublisher events,
			TransactionTemplate transactions, BulkInserts bulk, MeterRegistry meters) {
		this.jdbc = jdbc;
		this.bulk = bulk;
		this.agents = agents;
		this.contacts = contacts;
		this.tenants = tenants;
		this.originations = originations;
		this.campaignLines = campaignLines;
		this.events = events;
		this.transactions = transactions;
		this.applied = meters.counter("callbridge.call.events", "outcome", "applied");
	}

	/**
	 * A new call ready to be written: its events as stored and what enrichment found.
	 */
	record NewCall(List<ProviderCallEvent> events, List<@Nullable Long> agentIds, @Nullable String e164,
			@Nullable Long contactId, @Nullable Long campaignId, CallSummary summary) {

		ProviderCallEvent first() {
			return this.events.get(0);
		}

	}

	/**
	 * Writes calls none of which is stored yet (distinct provider ids), all or none.
	 * @param account the account
	 * @param calls the calls, as listed by the provider
	 * @param defaultCurrency the currency of a cost reported without one
	 * @return the calls left to the per-call path, unwritten: those a pending
	 * click-to-call request may belong to (matching one is the per-call path's)
	 * @throws org.springframework.dao.DuplicateKeyException when one of the calls was
	 * stored meanwhile (by a live event or another node); nothing is written then
	 */
	List<HistoricCall> write(TelephonyAccount account, List<HistoricCall> calls, String defaultCurrency) {
		if (calls.isEmpty()) {
			return List.of();
		}
		Instant receivedAt = Instant.now();
		List<List<ProviderCallEvent>> eventsOfCalls = calls.stream()
			.map((call) -> HistoricCallImport.events(account, call, null, defaultCurrency)
				.stream()
				.map(StorableEvent::of)
				.toList())
			.toList();
		Page page = new Page(account);
		PendingRequests pending = pending(account, eventsOfCalls);
		List<HistoricCall> left = new ArrayList<>();
		List<List<ProviderCallEvent>> writable = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			List<ProviderCallEvent> events = eventsOfCalls.get(i);
			ProviderCallEvent first = events.get(0);
			if (pending.mayClaim(first.providerCallId(), page.e164(first.externalNumber()), earliest(events),
					latest(events))) {
				left.add(calls.get(i));
			}
			else {
				writable.add(events);
			}
		}
		page.contactsOf(writable);
		List<NewCall> prepared = new ArrayList<>(writable.size());
		for (List<ProviderCallEvent> events : writable) {
			prepared.add(prepare(page, events));
		}
		this.transactions.executeWithoutResult((status) -> store(account, prepared, receivedAt));
		this.applied.increment(prepared.stream().mapToInt((call) -> call.events().size()).sum());
		return left;
	}

	// The pending requests of the page: by its provider ids and over the span of its
	// events' times.
	private PendingRequests pending(TelephonyAccount account, List<List<ProviderCallEvent>> eventsOfCalls) {
		Set<String> ids = new LinkedHashSet<>();
		Instant from = Instant.MAX;
		Instant to = Instant.MIN;
		for (List<ProviderCallEvent> events : eventsOfCalls) {
			ids.add(events.get(0).providerCallId());
			from = min(from, earliest(events));
			to = max(to, latest(events));
		}
		return this.originations.pending(account.id(), ids, from, to);
	}

	/**
	 * What enrichment would find for the call's events on a new call row, in the order it
	 * applies them: the number of the first event that has one, the line of the first
	 * that has one (and the inbound campaign answering there), the one contact with that
	 * number.
	 */
	private NewCall prepare(Page page, List<ProviderCallEvent> events) {
		String e164 = page.e164(externalNumber(events));
		String line = ourLine(events);
		Long campaignId = (direction(events.get(0)) == CallDirection.INBOUND && line != null) ? page.campaignOf(line)
				: null;
		Long contactId = (e164 != null) ? page.contactOf(e164) : null;
		List<@Nullable Long> agentIds = new ArrayList<>(events.size());
		List<TimelineEvent> timeline = new ArrayList<>(events.size());
		for (ProviderCallEvent event : events) {
			Long agentId = page.agentOn(event.extension());
			agentIds.add(agentId);
			timeline.add(CallRecords.timelineEvent(event, agentId));
		}
		return new NewCall(events, agentIds, e164, contactId, campaignId, CallTimeline.summarize(timeline));
	}

	private void store(TelephonyAccount account, List<NewCall> calls, Instant receivedAt) {
		if (calls.isEmpty()) {
			return;
		}
		List<Long> ids = this.bulk.get(() -> {
			if (this.bulk.onPostgres()) {
				List<Long> copied = HistoryCopies.calls(this.jdbc, account, calls);
				HistoryCopies.events(this.jdbc, account, calls, copied, receivedAt);
				return copied;
			}
			List<Long> inserted = insertCalls(account, calls);
			insertEvents(account, calls, inserted, receivedAt);
			return inserted;
		});
		List<Long> ended = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			publish(account, ids.get(i), calls.get(i), receivedAt, ended);
		}
		if (!ended.isEmpty()) {
			this.events.publishEvent(new HistoryCallsEnded(account.tenantId(), ended));
		}
	}

	private List<Long> insertCalls(TelephonyAccount account, List<NewCall> calls) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		Instant now = Instant.now();
		this.jdbc.batchUpdate((connection) -> connection.prepareStatement(INSERT_CALL, new String[] { "id" }),
				new BatchPreparedStatementSetter() {

					@Override
					public void setValues(PreparedStatement ps, int i) throws SQLException {
						NewCall call = calls.get(i);
						ProviderCallEvent first = call.first();
						CallSummary summary = call.summary();
						String raw = externalNumber(call.events());
						int p = 1;
						ps.setLong(p++, account.tenantId());
						ps.setLong(p++, account.id());
						ps.setString(p++, first.providerCallId());
						ps.setString(p++, direction(first).name());
						ps.setString(p++, (raw != null) ? call.e164() : null);
						ps.setString(p++, raw);
						ps.setString(p++, ourLine(call.events()));
						ps.setString(p++, summary.state().name());
						ps.setString(p++, name(summary.result()));
						ps.setObject(p++, Jdbc.ts(summary.startedAt()));
						ps.setObject(p++, Jdbc.ts(summary.answeredAt()));
						ps.setObject(p++, Jdbc.ts(summary.endedAt()));
						setInt(ps, p++, summary.ringSeconds());
						setInt(ps, p++, summary.talkSeconds());
						setInt(ps, p++, summary.totalSeconds());
						setLong(ps, p++, summary.ownerAgentId());
						setLong(ps, p++, call.contactId());
						setLong(ps, p++, call.campaignId());
						ps.setString(p++, summary.recordingRef());
						ps.setBigDecimal(p++, summary.cost());
						ps.setString(p++, summary.currency());
						ps.setString(p++, name(summary.endSource()));
						ps.setObject(p, Jdbc.ts(now));
					}

					@Override
					public int getBatchSize() {
						return calls.size();
					}

				}, keys);
		// One generated id per row, in the batch's order; the key's column name is the
		// database's (id or ID).
		List<Long> ids = keys.getKeyList()
			.stream()
			.map((row) -> ((Number) row.values().iterator().next()).longValue())
			.toList();
		if (ids.size() != calls.size()) {
			throw new IllegalStateException("Expected " + calls.size() + " call ids, got " + ids.size());
		}
		return ids;
	}

	private void insertEvents(TelephonyAccount account, List<NewCall> calls, List<Long> ids, Instant receivedAt) {
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			NewCall call = calls.get(i);
			for (int e = 0; e < call.events().size(); e++) {
				ProviderCallEvent event = call.events().get(e);
				rows.add(CallRecords.eventRow(ids.get(i), account.tenantId(), event, call.agentIds().get(e),
						receivedAt));
			}
		}
		this.jdbc.batchUpdate(CallRecords.INSERT_EVENT, rows, CallRecords.EVENT_TYPES);
	}

	// What CallEventIngestion publishes for a call's first change: the facts of its
	// summary (a history call is known from its records only), then each new recording;
	// but the page's calls are in one HistoryCallsEnded, published after them (into
	// endedCalls), not in one per call.
	private void publish(TelephonyAccount account, long callId, NewCall call, Instant receivedAt,
			List<Long> endedCalls) {
		for (Object fact : CallChanges.between(account.tenantId(), callId, call.campaignId(), 1, null, call.summary(),
				true, true, receivedAt)) {
			if (fact instanceof HistoryCallsEnded ended) {
				endedCalls.addAll(ended.callIds());
			}
			else {
				this.events.publishEvent(fact);
			}
		}
		String knownRef = null;
		for (ProviderCallEvent event : call.events()) {
			String ref = event.recordingRef();
			if (ref == null || ref.isBlank()) {
				continue;
			}
			boolean ready = event.type() == CallEventType.RECORDING_AVAILABLE;
			if (ready || !ref.equals(knownRef)) {
				this.events.publishEvent(
						new CallRecorded(account.tenantId(), callId, 1, account.id(), ref, ready, receivedAt));
			}
			knownRef = ref;
		}
	}

	/**
	 * What a page's calls look up, each value once: the tenant's region, agents on
	 * extensions, numbers in E.164, contacts by number and campaigns by line.
	 */
	private final class Page {

		private final TelephonyAccount account;

		private final String region;

		private @Nullable Map<String, Long> agentsOnExtensions;

		private final Map<String, Optional<String>> e164s = new HashMap<>();

		private final Map<String, Optional<Long>> campaigns = new HashMap<>();

		private Map<String, Long> contacts = Map.of();

		Page(TelephonyAccount account) {
			this.account = account;
			this.region = HistoricCallWriter.this.tenants.get(account.tenantId()).defaultRegion();
		}

		// All the account's extensions in one read, the first time a page needs one.
		@Nullable Long agentOn(@Nullable String extension) {
			if (extension == null || extension.isBlank()) {
				return null;
			}
			if (this.agentsOnExtensions == null) {
				Map<String, Long> agents = new HashMap<>();
				HistoricCallWriter.this.agents.extensionsOfAccount(this.account.id())
					.forEach((on) -> agents.put(on.extension(), on.agentId()));
				this.agentsOnExtensions = agents;
			}
			return this.agentsOnExtensions.get(extension);
		}

		@Nullable String e164(@Nullable String raw) {
			if (raw == null) {
				return null;
			}
			return this.e164s
				.computeIfAbsent(raw, (key) -> (PhoneNumbers.parse(key, this.region) instanceof PhoneNumber.Valid valid)
						? Optional.of(valid.e164()) : Optional.empty())
				.orElse(null);
		}

		void contactsOf(List<List<ProviderCallEvent>> calls) {
			Set<String> numbers = new LinkedHashSet<>();
			calls.forEach((events) -> {
				String e164 = e164(externalNumber(events));
				if (e164 != null) {
					numbers.add(e164);
				}
			});
			this.contacts = HistoricCallWriter.this.contacts.soleContactIds(this.account.tenantId(), numbers);
		}

		// Enrichment links a call to a contact only when exactly one has its number.
		@Nullable Long contactOf(String e164) {
			return this.contacts.get(e164);
		}

		@Nullable Long campaignOf(String line) {
			CampaignLines lines = HistoricCallWriter.this.campaignLines.getIfAvailable();
			if (lines == null) {
				return null;
			}
			return this.campaigns
				.computeIfAbsent(line, (key) -> lines.campaignFor(this.account.tenantId(), this.account.id(), key))
				.orElse(null);
		}

	}

	// The direction a new call row gets: its first event's.
	static CallDirection direction(ProviderCallEvent first) {
		return (first.direction() != null) ? first.direction() : CallDirection.INBOUND;
	}

	static @Nullable String externalNumber(List<ProviderCallEvent> events) {
		return events.stream().map(ProviderCallEvent::externalNumber).filter(Objects::nonNull).findFirst().orElse(null);
	}

	static @Nullable String ourLine(List<ProviderCallEvent> events) {
		return events.stream().map(ProviderCallEvent::ourLine).filter(Objects::nonNull).findFirst().orElse(null);
	}

	private static Instant earliest(List<ProviderCallEvent> events) {
		return events.stream().map(ProviderCallEvent::occurredAt).min(Instant::compareTo).orElseThrow();
	}

	private static Instant latest(List<ProviderCallEvent> events) {
		return events.stream().map(ProviderCallEvent::occurredAt).max(Instant::compareTo).orElseThrow();
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static void setInt(PreparedStatement ps, int index, @Nullable Integer value) throws SQLException {
		if (value != null) {
			ps.setInt(index, value);
		}
		else {
			ps.setNull(index, Types.INTEGER);
		}
	}

	private static void setLong(PreparedStatement ps, int index, @Nullable Long value) throws SQLException {
		if (value != null) {
			ps.setLong(index, value);
		}
		else {
			ps.setNull(index, Types.BIGINT);
		}
	}

	static @Nullable String name(@Nullable Enum<?> value) {
		return (value != null) ? value.name() : null;
	}

}
