package io.callbridge.calls.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallRecorded;
import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.CallTimeline;
import io.callbridge.calls.model.TimelineEvent;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies provider events to calls. Each event is stored once (by its dedupe key) with
 * its raw payload, and the call is recomputed from its whole timeline under a row lock.
 * Only a change of the call's summary raises its version and is published
 * ({@code CallRang}, {@code CallAnswered}, {@code CallTransferred}, exactly one
 * {@code CallEnded}, then {@code CallResultCorrected} for later corrections), in the same
 * transaction, so follow-ups (screen pop, rules, CRM pushes) run and retry on their own
 * after the webhook is acknowledged.
 */
@Service
public class CallEventIngestion implements CallEventSink {

	private final TelephonyAccounts accounts;

	private final Agents agents;

	private final CallRecords records;

	private final CallEnrichment enrichment;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Counter applied;

	private final Counter duplicates;

	CallEventIngestion(TelephonyAccounts accounts, Agents agents, CallRecords records, CallEnrichment enrichment,
			ApplicationEventPublisher events, TransactionTemplate transactions, MeterRegistry meters) {
		this.accounts = accounts;
		this.agents = agents;
		this.records = records;
		this.enrichment = enrichment;
		this.events = events;
		this.transactions = transactions;
		this.applied = meters.counter("callbridge.call.events", "outcome", "applied");
		this.duplicates = meters.counter("callbridge.call.events", "outcome", "duplicate");
	}

	@Override
	public Ingestion accept(ProviderCallEvent event) {
		return acceptCall(List.of(event)).get(0);
	}

	@Override
	public List<Ingestion> acceptCall(List<ProviderCallEvent> received) {
		Instant receivedAt = Instant.now();
		List<ProviderCallEvent> events = received.stream().map(StorableEvent::of).toList();
		ProviderCallEvent first = oneCall(events);
		TelephonyAccount account = this.accounts.findCached(first.accountId())
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.telephonyAccount"), first.accountId()));
		if (!account.enabled()) {
			throw new Problems.Conflict(Text.of("ingestion.accountDisabled", account.name()));
		}
		// Most events belong to a call that exists already: look it up and apply in one
		// transaction.
		List<Ingestion> outcomes = this.transactions
			.execute((status) -> this.records.idOf(account.id(), first.providerCallId())
				.map((callId) -> apply(account, callId, events, receivedAt))
				.orElse(null));
		if (outcomes == null) {
			long callId = createCall(account, first);
			outcomes = this.transactions.execute((status) -> apply(account, callId, events, receivedAt));
		}
		outcomes.forEach((outcome) -> ((outcome == Ingestion.APPLIED) ? this.applied : this.duplicates).increment());
		return outcomes;
	}

	private static ProviderCallEvent oneCall(List<ProviderCallEvent> events) {
		if (events.isEmpty()) {
			throw new IllegalArgumentException("No events to apply");
		}
		ProviderCallEvent first = events.get(0);
		for (ProviderCallEvent event : events) {
			if (event.accountId() != first.accountId() || !event.providerCallId().equals(first.providerCallId())) {
				throw new IllegalArgumentException("Events of several calls cannot be applied as one change");
			}
		}
		return first;
	}

	// The call row is created in its own short transaction so that two first events of
	// one call racing each
	// other end up on the same row: the loser sees the unique key and reads the winner's
	// id.
	private long createCall(TelephonyAccount account, ProviderCallEvent event) {
		try {
			return this.transactions.execute((status) -> this.records.insert(account.tenantId(), account.id(), event));
		}
		catch (DuplicateKeyException ex) {
			return this.records.idOf(account.id(), event.providerCallId()).orElseThrow(() -> ex);
		}
	}

	private List<Ingestion> apply(TelephonyAccount account, long callId, List<ProviderCallEvent> events,
			Instant receivedAt) {
		LockedCall call = this.records.lock(callId);
		List<TimelineEvent> timeline = new ArrayList<>(this.records.timeline(callId));
		CallSummary before = timeline.isEmpty() ? null : CallTimeline.summarize(timeline);
		CallDirection direction = call.direction();
		List<Ingestion> outcomes = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		List<ProviderCallEvent> applied = new ArrayList<>();
		for (ProviderCallEvent event : events) {
			String key = StorableEvent.key(event.effectiveDedupeKey(), StorableEvent.DEDUPE_KEY);
			if (!keys.add(key) || this.records.eventExists(callId, key)) {
				outcomes.add(Ingestion.DUPLICATE);
				continue;
			}
			Long agentId = agentOn(account, event.extension());
			this.records.insertEvent(callId, account.tenantId(), event, agentId, receivedAt);
			direction = this.enrichment.enrich(call, account.id(), event);
			timeline.add(CallRecords.timelineEvent(event, agentId));
			applied.add(event);
			outcomes.add(Ingestion.APPLIED);
		}
		if (!applied.isEmpty()) {
			// Read again: enrichment may have learnt the number or campaign (the
			// direction it returns).
			LockedCall now = this.records.lock(callId);
			boolean placeChanged = direction != call.direction()
					|| !Objects.equals(now.externalNumberRaw(), call.externalNumberRaw())
					|| !Objects.equals(now.campaignId(), call.campaignId());
			publishChange(account, call, timeline, before, placeChanged, applied, receivedAt);
		}
		return outcomes;
	}

	// Only a change of the call's summary raises its version and is heard by others; a
	// recording is announced whenever it is new or ready.
	private void publishChange(TelephonyAccount account, LockedCall call, List<TimelineEvent> timeline,
			@Nullable CallSummary before, boolean placeChanged, List<ProviderCallEvent> applied, Instant receivedAt) {
		CallSummary after = CallTimeline.summarize(timeline);
		long version = call.version();
		if (after.equals(before) && !placeChanged) {
			this.records.touch(call.id());
		}
		else {
			version++;
			this.records.updateSummary(call.id(), after, version);
			boolean fromHistory = timeline.stream().allMatch((e) -> e.source() == EventSource.HISTORY);
			CallChanges
				.between(account.tenantId(), call.id(), version, before, after, placeChanged, fromHistory, receivedAt)
				.forEach(this.events::publishEvent);
		}
		String knownRef = (before != null) ? before.recordingRef() : null;
		for (ProviderCallEvent event : applied) {
			knownRef = publishRecording(account, call.id(), version, event, knownRef, receivedAt);
		}
	}

	private @Nullable Long agentOn(TelephonyAccount account, @Nullable String extension) {
		if (extension == null || extension.isBlank()) {
			return null;
		}
		return this.agents.onExtension(account.id(), extension).map(Agent::id).orElse(null);
	}

	// A recording is announced when its reference is new, or when the provider says it is
	// ready.
	private @Nullable String publishRecording(TelephonyAccount account, long callId, long version,
			ProviderCallEvent event, @Nullable String knownRef, Instant receivedAt) {
		String ref = event.recordingRef();
		if (ref == null || ref.isBlank()) {
			return knownRef;
		}
		boolean ready = event.type() == CallEventType.RECORDING_AVAILABLE;
		if (ready || !ref.equals(knownRef)) {
			this.events.publishEvent(
					new CallRecorded(account.tenantId(), callId, version, account.id(), ref, ready, receivedAt));
		}
		return ref;
	}

}
