package io.callbridge.calls.application;

import java.time.Instant;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallRecorded;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.CallTimeline;
import io.callbridge.calls.model.Participant;
import io.callbridge.shared.Problems;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
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
 * its raw payload, the call is recomputed from its whole timeline under a row lock, and
 * the change is published as
 * {@code CallRang}/{@code CallAnswered}/{@code CallTransferred}/{@code CallEnded} in the
 * same transaction, so follow-ups (screen pop, later CRM pushes) run and retry on their
 * own after the webhook is acknowledged.
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
		Instant receivedAt = Instant.now();
		TelephonyAccount account = this.accounts.findCached(event.accountId())
			.orElseThrow(() -> new Problems.NotFound("Telephony account", event.accountId()));
		if (!account.enabled()) {
			throw new Problems.Conflict(
					"Telephony account '" + account.name() + "' is disabled; its events are ignored.");
		}
		// Most events belong to a call that exists already: look it up and apply in one
		// transaction.
		Ingestion outcome = this.transactions
			.execute((status) -> this.records.idOf(account.id(), event.providerCallId())
				.map((callId) -> apply(account, callId, event, receivedAt))
				.orElse(null));
		if (outcome == null) {
			long callId = createCall(account, event);
			outcome = this.transactions.execute((status) -> apply(account, callId, event, receivedAt));
		}
		((outcome == Ingestion.APPLIED) ? this.applied : this.duplicates).increment();
		return outcome;
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

	private Ingestion apply(TelephonyAccount account, long callId, ProviderCallEvent event, Instant receivedAt) {
		LockedCall call = this.records.lock(callId);
		if (this.records.eventExists(callId, event.effectiveDedupeKey())) {
			return Ingestion.DUPLICATE;
		}
		Long agentId = agentOn(account, event.extension());
		this.records.insertEvent(callId, account.tenantId(), event, agentId, receivedAt);
		this.enrichment.enrich(call, account.id(), event);
		CallSummary summary = CallTimeline.summarize(this.records.timeline(callId));
		this.records.updateSummary(callId, summary);
		publish(account.tenantId(), callId, event, agentId, summary, receivedAt);
		publishRecording(account, callId, event, receivedAt);
		return Ingestion.APPLIED;
	}

	private @Nullable Long agentOn(TelephonyAccount account, @Nullable String extension) {
		if (extension == null || extension.isBlank()) {
			return null;
		}
		return this.agents.onExtension(account.id(), extension).map(Agent::id).orElse(null);
	}

	private void publishRecording(TelephonyAccount account, long callId, ProviderCallEvent event, Instant receivedAt) {
		String ref = event.recordingRef();
		if (ref != null && !ref.isBlank()) {
			boolean ready = event.type() == CallEventType.RECORDING_AVAILABLE;
			this.events
				.publishEvent(new CallRecorded(account.tenantId(), callId, account.id(), ref, ready, receivedAt));
		}
	}

	private void publish(long tenantId, long callId, ProviderCallEvent event, @Nullable Long agentId,
			CallSummary summary, Instant receivedAt) {
		Participant owner = summary.owner();
		Long ownerAgent = (owner != null) ? owner.agentId() : null;
		switch (event.type()) {
			case RINGING -> {
				if (agentId != null) {
					this.events.publishEvent(new CallRang(tenantId, callId, agentId, receivedAt));
				}
			}
			case ANSWERED -> this.events.publishEvent(new CallAnswered(tenantId, callId, ownerAgent, receivedAt));
			case TRANSFERRED -> this.events.publishEvent(new CallTransferred(tenantId, callId, agentId, receivedAt));
			case ENDED ->
				this.events.publishEvent(new CallEnded(tenantId, callId, summary.result(), ownerAgent, receivedAt));
			case STARTED, RECORDING_AVAILABLE -> {
			}
		}
	}

}
