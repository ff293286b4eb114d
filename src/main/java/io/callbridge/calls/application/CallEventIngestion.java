package io.callbridge.calls.application;

import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.CallRecorded;
import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.application.CallRecords.StoredEvents;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.CallTimeline;
import io.callbridge.calls.model.TimelineEvent;
import io.callbridge.shared.ConfigCache;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
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
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronizationManager;
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

	private static final String AGENT_ON_EXTENSION = "agent-on-extension";

	/** How often a waiting answer looks whether its lane still keeps up. */
	private static final long TICK = TimeUnit.MILLISECONDS.toNanos(10);

	private static final long LOOKUP_FIRST = TimeUnit.MILLISECONDS.toNanos(25);

	private static final long LOOKUP_LAST = TimeUnit.MILLISECONDS.toNanos(200);

	private final TelephonyAccounts accounts;

	private final Agents agents;

	private final CallRecords records;

	private final CallEnrichment enrichment;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transactions;

	private final Counter applied;

	private final Counter duplicates;

	private final NewCallRows newCalls;

	private final InboxWriter inbox;

	private final IngestionProperties properties;

	private final ConfigCache config;

	CallEventIngestion(TelephonyAccounts accounts, Agents agents, CallRecords records, CallEnrichment enrichment,
			ApplicationEventPublisher events, TransactionTemplate transactions, InboxWriter inbox,
			IngestionProperties properties, ConfigCache config, NewCallRows newCalls, MeterRegistry meters) {
		this.config = config;
		this.accounts = accounts;
		this.agents = agents;
		this.records = records;
		this.enrichment = enrichment;
		this.events = events;
		this.transactions = transactions;
		this.newCalls = newCalls;
		this.inbox = inbox;
		this.properties = properties;
		this.applied = meters.counter("callbridge.call.events", "outcome", "applied");
		this.duplicates = meters.counter("callbridge.call.events", "outcome", "duplicate");
	}

	@Override
	public Ingestion accept(ProviderCallEvent event) {
		return acceptCall(List.of(event)).get(0);
	}

	// Stored in the inbox (group commit) before the answer, applied by the call's lane.
	@Override
	public Ingestion receive(ProviderCallEvent received) {
		Instant receivedAt = Instant.now();
		ProviderCallEvent event = StorableEvent.of(received);
		TelephonyAccount account = enabledAccount(event.accountId());
		InboxWriter.Stored stored = waitFor(this.inbox.append(new InboxRows.NewEntry(account.tenantId(), account.id(),
				event.providerCallId(), InboxApplier.encode(event), receivedAt)), this.properties.storeTimeout());
		int lane = stored.lane();
		// Behind a backlog the wait would only make the answer as late as the backlog.
		if (this.properties.applyWait().isZero() || !this.inbox.keepingUp(lane)) {
			this.inbox.stopWaiting(stored.id());
			return Ingestion.QUEUED;
		}
		try {
			return awaitApplied(stored, lane);
		}
		catch (ExecutionException ex) {
			// Stored, so acknowledged: the lane applies it (or retries it) on its own.
			this.inbox.stopWaiting(stored.id());
			return Ingestion.QUEUED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.inbox.stopWaiting(stored.id());
			return Ingestion.QUEUED;
		}
	}

	/**
	 * Waits up to {@code apply-wait} for the event's application, while its lane keeps up
	 * (a lane stuck in a long transaction does not say so until it ends, hence the look
	 * every few milliseconds). This node hears of the application when one of its lanes
	 * applies it; with several nodes, another node's lane may, and this node would wait
	 * out {@code apply-wait} for nothing (MultiNodeBenchmark: a fifth of the answers with
	 * two nodes). So it also looks whether the event is still in the inbox, after 25 ms
	 * and at doubling intervals, once this node's lane has gone past it or 200 ms have
	 * passed.
	 */
	private Ingestion awaitApplied(InboxWriter.Stored stored, int lane)
			throws ExecutionException, InterruptedException {
		CompletableFuture<Ingestion> applied = stored.applied();
		// Parked between the looks and woken by the outcome: a timed get would throw (and
		// fill in the stack of) a TimeoutException at every look.
		AtomicReference<@Nullable Thread> parked = new AtomicReference<>(Thread.currentThread());
		applied.whenComplete((outcome, failure) -> unpark(parked.getAndSet(null)));
		try {
			return awaitApplied(stored, lane, applied);
		}
		finally {
			parked.set(null);
		}
	}

	private Ingestion awaitApplied(InboxWriter.Stored stored, int lane, CompletableFuture<Ingestion> applied)
			throws ExecutionException, InterruptedException {
		long now = System.nanoTime();
		long started = now;
		long deadline = now + this.properties.applyWait().toNanos();
		long lookupGap = LOOKUP_FIRST;
		long nextLookup = now + lookupGap;
		while (!applied.isDone()) {
			long left = deadline - now;
			if (left <= 0 || !this.inbox.keepingUp(lane)) {
				this.inbox.stopWaiting(stored.id());
				return Ingestion.QUEUED;
			}
			ForkJoinPool.managedBlock(new Pause(applied, Math.min(TICK, left)));
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			now = System.nanoTime();
			if (!applied.isDone() && now >= nextLookup) {
				// Not before this node's lane has gone past the event (it would be found
				// waiting for that lane: a burst's answers looked up their events in
				// vain),
				// unless the wait is long (this node's lanes stopped or stuck).
				boolean look = this.inbox.passedBy(stored) || now - started >= LOOKUP_LAST;
				if (look && this.inbox.appliedElsewhere(stored)) {
					this.inbox.stopWaiting(stored.id());
					return Ingestion.APPLIED;
				}
				lookupGap = Math.min(lookupGap * 2, LOOKUP_LAST);
				nextLookup = now + lookupGap;
			}
		}
		return applied.get();
	}

	private static void unpark(@Nullable Thread thread) {
		if (thread != null) {
			LockSupport.unpark(thread);
		}
	}

	/**
	 * One pause of a waiting answer, until its event's outcome or the next look. A
	 * blocker, so that a pool thread waiting here (a common-pool task, in tests) has the
	 * pool run its other tasks meanwhile, as a timed get would.
	 *
	 * @param applied the event's outcome
	 * @param nanos the longest pause
	 */
	private record Pause(CompletableFuture<Ingestion> applied, long nanos) implements ForkJoinPool.ManagedBlocker {

		@Override
		public boolean block() {
			LockSupport.parkNanos(this, this.nanos);
			return true;
		}

		@Override
		public boolean isReleasable() {
			return this.applied.isDone();
		}

	}

	private static InboxWriter.Stored waitFor(CompletableFuture<InboxWriter.Stored> stored, Duration timeout) {
		try {
			return stored.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException("The event could not be stored", ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("The event was not stored within " + timeout, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while the event was stored", ex);
		}
	}

	/**
	 * One call's events to apply in one transaction (a lane's stored events, or
	 * {@code acceptCall}'s).
	 *
	 * @param account the call's account
	 * @param events its events, in the order received
	 * @param receivedAt when each entered Callbridge
	 * @param eachOnItsOwn whether the events were delivered one by one (webhooks, taken
	 * together from the inbox), so that what each changed is published as if it were
	 * applied on its own; else (a poll's or the call history's several events of a call
	 * at once) only the net change is
	 */
	record StoredCall(TelephonyAccount account, List<ProviderCallEvent> events, List<Instant> receivedAt,
			boolean eachOnItsOwn) {

		CallKey key() {
			return new CallKey(this.account.id(), this.events.get(0).providerCallId());
		}

	}

	/**
	 * Applies the stored events of several calls, inside the caller's transaction (an
	 * inbox lane's). The stored calls' rows are locked in the order of their keys and
	 * their events read at once, the new calls inserted at once (see {@link CallRecords}
	 * and {@link NewCallRows} for the statements on each database); what the events
	 * change is written at the end in one batch per statement, and only then published,
	 * so that every listener in the transaction reads the calls as changed.
	 * @param calls the calls, in the order of their keys ({@link InboxApplier#byCall})
	 * @param insertNewAtEnd whether the new calls' rows may be inserted once applied,
	 * with their summary, rather than at once and updated at the end
	 * ({@link NewCallRows#reserve}); if one of them is stored meanwhile, the transaction
	 * fails with {@link CallStoredMeanwhile}, and the calls are to be applied again in a
	 * new transaction with {@code false}
	 * @return what became of each call's events, in the order given
	 */
	List<List<Ingestion>> applyStored(List<StoredCall> calls, boolean insertNewAtEnd) {
		calls.forEach((call) -> oneCall(call.events()));
		// A call's start is almost always its first event, so its row is inserted
		// without looking for it first; any other event looks first. Either order is
		// right for any call, new or stored: only the statements differ.
		Map<CallKey, LockedCall> locked = this.records.lock(calls.stream()
			.filter((call) -> call.events().get(0).type() != CallEventType.STARTED)
			.map(StoredCall::key)
			.toList());
		Map<Long, StoredEvents> stored = this.records
			.storedEvents(locked.values().stream().map(LockedCall::id).toList());
		List<NewCallRows.NewCall> absent = calls.stream()
			.filter((call) -> !locked.containsKey(call.key()))
			.map((call) -> new NewCallRows.NewCall(call.account().tenantId(), call.key(), call.events().get(0)))
			.toList();
		Optional<Map<CallKey, LockedCall>> reserved = insertNewAtEnd ? this.newCalls.reserve(absent) : Optional.empty();
		Map<CallKey, LockedCall> inserted = reserved.orElseGet(() -> this.newCalls.insertAbsent(absent));
		boolean holdingOthers = calls.size() > 1;
		List<OpenedCall> opened = calls.stream()
			.map((call) -> opened(call, locked, stored, inserted, holdingOthers))
			.toList();
		EnrichmentAhead.Found ahead = this.enrichment.readAhead(IntStream.range(0, calls.size())
			.mapToObj((i) -> new EnrichmentAhead.Enriching(opened.get(i).call(), calls.get(i).account().id(),
					calls.get(i).events()))
			.toList());
		Changes changes = new Changes(ahead, reserved.map((ids) -> CallRecords.Writes.insertingLater(absent, ids))
			.orElseGet(CallRecords.Writes::new));
		List<List<Ingestion>> outcomes = new ArrayList<>();
		for (int i = 0; i < calls.size(); i++) {
			StoredCall call = calls.get(i);
			outcomes.add(apply(call, opened.get(i), changes));
		}
		this.records.write(changes.writes);
		changes.facts.forEach(this.events::publishEvent);
		outcomes.forEach((call) -> call
			.forEach((outcome) -> ((outcome == Ingestion.APPLIED) ? this.applied : this.duplicates).increment()));
		return outcomes;
	}

	// A call is stored (locked with its events), inserted by this transaction, or stored
	// by another one meanwhile: a lost race for a new call's row must not abort the
	// caller's transaction (NewCallRows), the loser goes on with the winner's row.
	private OpenedCall opened(StoredCall call, Map<CallKey, LockedCall> locked, Map<Long, StoredEvents> stored,
			Map<CallKey, LockedCall> inserted, boolean holdingOthers) {
		LockedCall found = locked.get(call.key());
		if (found != null) {
			return new OpenedCall(found, stored.getOrDefault(found.id(), StoredEvents.NONE));
		}
		LockedCall created = inserted.get(call.key());
		if (created != null) {
			return new OpenedCall(created, StoredEvents.NONE);
		}
		LockedCall other = stored(call.account(), call.events().get(0), holdingOthers);
		return new OpenedCall(other, this.records.storedEvents(other.id()));
	}

	// The call that another transaction stored: the loser of a race for a new call's row,
	// or a start delivered again. It is locked after the calls this transaction inserted,
	// out of their key order, so with other calls held it is not waited for: a
	// transaction that locked it and then waits for one of those inserts would deadlock
	// with this one (another node's lane did, before a lane ran on one node at a time:
	// 9 deadlocks in MultiNodeBenchmark's 2- and 3-node rounds, 1 s each; a poll's or
	// the call history's still may). Refused at once instead, the lane applies its batch
	// again call by call, each in a transaction holding nothing else, which may wait.
	private LockedCall stored(TelephonyAccount account, ProviderCallEvent event, boolean holdingOthers) {
		Optional<LockedCall> found = holdingOthers ? this.records.lockAtOnce(account.id(), event.providerCallId())
				: this.records.lock(account.id(), event.providerCallId());
		return found.orElseThrow(() -> new IllegalStateException(
				"Call " + event.providerCallId() + " of account " + account.id() + " was neither inserted nor found"));
	}

	/**
	 * The call events belong to, locked by the applying transaction, with its stored
	 * events.
	 *
	 * @param call the call's row
	 * @param events its stored events: none for a call this transaction inserted, whose
	 * row is as inserted, so neither is read again (a burst of rings is a burst of new
	 * calls)
	 */
	private record OpenedCall(LockedCall call, StoredEvents events) {
	}

	/**
	 * What applying a transaction's calls changes, held until they are all applied: the
	 * rows to write, then the facts to publish; and what their enrichment read ahead.
	 */
	private static final class Changes {

		private final CallRecords.Writes writes;

		private final List<Object> facts = new ArrayList<>();

		private final EnrichmentAhead.Found ahead;

		Changes(EnrichmentAhead.Found ahead, CallRecords.Writes writes) {
			this.ahead = ahead;
			this.writes = writes;
		}

	}

	private TelephonyAccount enabledAccount(long accountId) {
		TelephonyAccount account = this.accounts.findCached(accountId)
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.telephonyAccount"), accountId));
		if (!account.enabled()) {
			throw new Problems.Conflict(Text.of("ingestion.accountDisabled", account.name()));
		}
		return account;
	}

	@Override
	public List<Ingestion> acceptCall(List<ProviderCallEvent> received) {
		Instant now = Instant.now();
		List<ProviderCallEvent> events = received.stream().map(StorableEvent::of).toList();
		List<Instant> receivedAt = Collections.nCopies(events.size(), now);
		ProviderCallEvent first = oneCall(events);
		TelephonyAccount account = enabledAccount(first.accountId());
		// One transaction, one commit, also for a new call (a burst of rings is 200 new
		// calls at once: three transactions each queued for the pool's connections). A
		// new call is inserted once applied when this is the transaction, so that it can
		// be applied again if the call was stored meanwhile; inside the caller's, at
		// once.
		StoredCall call = new StoredCall(account, events, receivedAt, false);
		boolean own = !TransactionSynchronizationManager.isActualTransactionActive();
		try {
			return Objects.requireNonNull(this.transactions.execute((status) -> applyStored(List.of(call), own)))
				.get(0);
		}
		catch (CallStoredMeanwhile ex) {
			return Objects.requireNonNull(this.transactions.execute((status) -> applyStored(List.of(call), false)))
				.get(0);
		}
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

	// Under the call's row lock (taken by the caller): its stored events were read once,
	// for the summary and the dedupe keys alike, and the enrichment says what it changed.
	private List<Ingestion> apply(StoredCall delivered, OpenedCall opened, Changes changes) {
		TelephonyAccount account = delivered.account();
		List<ProviderCallEvent> events = delivered.events();
		LockedCall call = opened.call();
		StoredEvents stored = opened.events();
		List<TimelineEvent> timeline = new ArrayList<>(stored.timeline());
		Set<String> keys = new HashSet<>(stored.keys());
		Step first = new Step(call, timeline.isEmpty() ? null : CallTimeline.summarize(timeline), call.version());
		Step step = first;
		LockedCall enriched = call;
		List<Ingestion> outcomes = new ArrayList<>();
		List<ProviderCallEvent> applied = new ArrayList<>();
		List<Instant> appliedAt = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			ProviderCallEvent event = events.get(i);
			if (!keys.add(StorableEvent.key(event.effectiveDedupeKey(), StorableEvent.DEDUPE_KEY))) {
				outcomes.add(Ingestion.DUPLICATE);
				continue;
			}
			Instant receivedAt = delivered.receivedAt().get(i);
			Long agentId = agentOn(account, event.extension());
			changes.writes.insertEvent(call.id(), account.tenantId(), event, agentId, receivedAt);
			enriched = this.enrichment.enrich(enriched, account.id(), event, changes.ahead);
			timeline.add(CallRecords.timelineEvent(event, agentId));
			if (delivered.eachOnItsOwn()) {
				step = publishChange(account, step, enriched, timeline, receivedAt, changes);
			}
			applied.add(event);
			appliedAt.add(receivedAt);
			outcomes.add(Ingestion.APPLIED);
		}
		if (!applied.isEmpty()) {
			if (!delivered.eachOnItsOwn()) {
				// The change is dated by the earliest event causing it: latency is
				// measured from there.
				step = publishChange(account, first, enriched, timeline, appliedAt.get(0), changes);
			}
			write(call, step, timeline, changes);
			String knownRef = (first.summary() != null) ? first.summary().recordingRef() : null;
			for (int i = 0; i < applied.size(); i++) {
				knownRef = publishRecording(account, call.id(), step.version(), applied.get(i), knownRef,
						appliedAt.get(i), changes);
			}
		}
		return outcomes;
	}

	/**
	 * A call as its events are applied: its enriched row, its summary and its version
	 * after the events published so far.
	 */
	private record Step(LockedCall call, @Nullable CallSummary summary, long version) {
	}

	/**
	 * Publishes what the events since the step changed. Called after each event of a call
	 * delivered one by one, so that a batch holding several of them (a lane behind, a
	 * provider's burst) tells every agent rung, the answer and each transfer before the
	 * end, as if each were applied on its own. Only a change of the summary (or of the
	 * call's place) raises the version.
	 */
	private Step publishChange(TelephonyAccount account, Step before, LockedCall enriched, List<TimelineEvent> timeline,
			Instant receivedAt, Changes changes) {
		CallSummary after = CallTimeline.summarize(timeline);
		LockedCall was = before.call();
		boolean placeChanged = enriched.direction() != was.direction()
				|| !Objects.equals(enriched.externalNumberRaw(), was.externalNumberRaw())
				|| !Objects.equals(enriched.campaignId(), was.campaignId());
		if (after.equals(before.summary()) && !placeChanged) {
			return new Step(enriched, after, before.version());
		}
		long version = before.version() + 1;
		boolean fromHistory = timeline.stream().allMatch((e) -> e.source() == EventSource.HISTORY);
		CallChanges
			.between(account.tenantId(), was.id(), enriched.campaignId(), version, before.summary(), after,
					placeChanged, fromHistory, receivedAt)
			.forEach(changes.facts::add);
		return new Step(enriched, after, version);
	}

	// The call's row after the batch: its summary and version when anything changed, else
	// only what the enrichment learnt.
	private static void write(LockedCall call, Step last, List<TimelineEvent> timeline, Changes changes) {
		if (last.version() == call.version()) {
			changes.writes.touch(call, last.call());
			return;
		}
		CallSummary summary = Objects.requireNonNull(last.summary());
		changes.writes.updateSummary(last.call(), summary, last.version());
		AppliedParticipants.remember(call.id(), participants(timeline, summary, last.call()));
	}

	// What Calls.participants reads once the summary is stored: the agents of the call's
	// events, its owner's and its originator.
	private static Set<Long> participants(List<TimelineEvent> timeline, CallSummary summary, LockedCall call) {
		Set<Long> participants = new HashSet<>();
		for (TimelineEvent event : timeline) {
			if (event.agentId() != null) {
				participants.add(event.agentId());
			}
		}
		if (summary.owner() != null && summary.owner().agentId() != null) {
			participants.add(summary.owner().agentId());
		}
		if (call.originatedBy() != null) {
			participants.add(call.originatedBy());
		}
		return participants;
	}

	// Every ring names an extension: read through the tenant's configuration cache, which
	// reads the tenant's configuration version once per transaction instead.
	private @Nullable Long agentOn(TelephonyAccount account, @Nullable String extension) {
		if (extension == null || extension.isBlank()) {
			return null;
		}
		return this.config
			.get(AGENT_ON_EXTENSION, account.tenantId(), new AccountExtension(account.id(), extension),
					() -> this.agents.onExtension(account.id(), extension).map(Agent::id))
			.orElse(null);
	}

	/** An extension of an account: the key of the agent on it. */
	private record AccountExtension(long accountId, String extension) {
	}

	// A recording is announced when its reference is new, or when the provider says it is
	// ready.
	private @Nullable String publishRecording(TelephonyAccount account, long callId, long version,
			ProviderCallEvent event, @Nullable String knownRef, Instant receivedAt, Changes changes) {
		String ref = event.recordingRef();
		if (ref == null || ref.isBlank()) {
			return knownRef;
		}
		boolean ready = event.type() == CallEventType.RECORDING_AVAILABLE;
		if (ready || !ref.equals(knownRef)) {
			changes.facts
				.add(new CallRecorded(account.tenantId(), callId, version, account.id(), ref, ready, receivedAt));
		}
		return ref;
	}

}
