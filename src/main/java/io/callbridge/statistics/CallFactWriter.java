package io.callbridge.statistics;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.statistics.CallFacts.Stored;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes call facts from the current state of the calls: the call (calls module), its
 * disposition, the tenant's time zone now and the provider of the call's account. Every
 * write holds the tenant's lock and reads after taking it, so it sees every write
 * committed before, and a fact computed from an older version of a call never replaces a
 * newer one. The lock is taken twice: first this node's ({@link TenantLocks}, before the
 * transaction takes a pooled connection), then the database's (for the other nodes).
 */
@Service
class CallFactWriter {

	private final Calls calls;

	private final DispositionService dispositions;

	private final Tenants tenants;

	private final TelephonyAccounts accounts;

	private final CallFactRebuilds rebuilds;

	private final CallFacts facts;

	private final CallBacks callBacks;

	private final TenantLocks locks;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	CallFactWriter(Calls calls, DispositionService dispositions, Tenants tenants, TelephonyAccounts accounts,
			CallFactRebuilds rebuilds, CallFacts facts, CallBacks callBacks, TenantLocks locks,
			ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.calls = calls;
		this.dispositions = dispositions;
		this.tenants = tenants;
		this.accounts = accounts;
		this.rebuilds = rebuilds;
		this.facts = facts;
		this.callBacks = callBacks;
		this.locks = locks;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Writes the fact of one call as it is now, in a transaction of its own holding the
	 * tenant's locks, and announces it ({@link CallFactRecorded}); a call that has not
	 * ended (or no longer exists) is left alone.
	 * @param tenantId tenant
	 * @param callId call
	 * @return whether a fact was written
	 */
	public boolean write(long tenantId, long callId) {
		return this.locks.holding(tenantId,
				() -> Boolean.TRUE.equals(this.transaction.execute((status) -> writeLocked(tenantId, callId))));
	}

	/**
	 * Writes the facts of many calls of one tenant as they are now, in one transaction
	 * holding the tenant's locks, and announces each ({@link CallFactRecorded}); calls
	 * that have not ended (or no longer exist) are left alone.
	 * @param tenantId tenant
	 * @param callIds the calls
	 * @return how many facts were written
	 */
	public int writeMany(long tenantId, Collection<Long> callIds) {
		Integer written = locked(tenantId, (locked) -> writeMany(tenantId, locked, callIds));
		return (written != null) ? written : 0;
	}

	/**
	 * Writes the facts of many calls of one tenant as they are now, in the transaction
	 * that holds the tenant's locks ({@link #locked}), and announces each
	 * ({@link CallFactRecorded}); calls that have not ended (or no longer exist) are left
	 * alone.
	 * @param tenantId tenant
	 * @param locked the tenant as locked
	 * @param callIds the calls
	 * @return how many facts were written
	 */
	int writeMany(long tenantId, Locked locked, Collection<Long> callIds) {
		List<Call> ended = this.calls.findAll(tenantId, callIds).stream().filter(CallFact::counts).toList();
		Map<Long, Disposition> dispositionsByCall = this.dispositions.forCalls(tenantId,
				ended.stream().map(Call::id).toList());
		Map<Long, String> providers = new HashMap<>();
		List<CallFact> facts = ended.stream()
			.map((call) -> CallFact.of(call, dispositionsByCall.get(call.id()), locked.zone(),
					provider(call.accountId(), providers)))
			.toList();
		int count = 0;
		for (CallFact fact : storeAll(tenantId, facts)) {
			this.events.publishEvent(new CallFactRecorded(tenantId, fact.callId()));
			count++;
		}
		return count;
	}

	// The facts of calls that have none are inserted together. The call-back times are
	// worked out once the other facts are stored, each missed call once: a new missed
	// call (nobody's call-back) is inserted after, with its time, instead of updated.
	private List<CallFact> storeAll(long tenantId, List<CallFact> facts) {
		Map<Long, Stored> before = this.facts.findAll(facts.stream().map(CallFact::callId).toList());
		List<CallFact> later = new ArrayList<>();
		List<CallFact> now = new ArrayList<>();
		for (CallFact fact : facts) {
			if (!before.containsKey(fact.callId())) {
				(fact.missed() ? later : now).add(fact);
			}
		}
		this.facts.insertAll(now, Map.of());
		List<CallBacks.Written> written = new ArrayList<>(facts.size());
		for (CallFact fact : facts) {
			Stored stored = before.get(fact.callId());
			if (stored == null || this.facts.write(fact, stored)) {
				written.add(new CallBacks.Written(fact, stored));
			}
		}
		Map<Long, @Nullable Integer> changes = this.callBacks.changes(tenantId, written);
		this.facts.insertAll(later, changes);
		later.forEach((fact) -> changes.remove(fact.callId()));
		this.callBacks.write(changes);
		return written.stream().map(CallBacks.Written::fact).toList();
	}

	/**
	 * Runs the work in a transaction holding the tenant's locks (this node's, then the
	 * database's).
	 * @param <T> the work's result
	 * @param tenantId tenant
	 * @param work what to do with the locked cursor
	 * @return the work's result
	 */
	<T> T locked(long tenantId, Function<Locked, T> work) {
		return this.locks.holding(tenantId,
				() -> this.transaction.execute((status) -> work.apply(lockTenant(tenantId))));
	}

	private boolean writeLocked(long tenantId, long callId) {
		ZoneId zone = lockTenant(tenantId).zone();
		Optional<Call> call = this.calls.find(tenantId, callId).filter(CallFact::counts);
		if (call.isEmpty()) {
			return false;
		}
		Disposition disposition = this.dispositions.find(tenantId, callId).orElse(null);
		boolean written = store(
				CallFact.of(call.get(), disposition, zone, provider(call.get().accountId(), new HashMap<>())));
		if (written) {
			this.events.publishEvent(new CallFactRecorded(tenantId, callId));
		}
		return written;
	}

	/**
	 * Takes the tenant's lock for the rest of the transaction and reads its time zone
	 * after taking it (a zone changed meanwhile is seen). The tenant is read before the
	 * lock too, only the first time, to create the tenant's row.
	 * @param tenantId tenant
	 * @return the cursor as locked, with the tenant's zone now
	 */
	Locked lockTenant(long tenantId) {
		CallFactRebuilds.Cursor cursor = this.rebuilds.lock(tenantId, () -> this.tenants.get(tenantId).timeZone());
		return new Locked(cursor, this.tenants.get(tenantId).timeZone());
	}

	/**
	 * Writes the facts of ended calls of one tenant, whose lock the caller holds, in
	 * order, until all are written or the deadline passed (at least one is).
	 * @param tenantId tenant
	 * @param ended the calls, all ended
	 * @param zone the tenant's zone
	 * @param deadline {@link System#nanoTime()} after which no further call is written
	 * @return how many of the calls, from the first, were gone through
	 */
	int writeAll(long tenantId, List<Call> ended, ZoneId zone, long deadline) {
		Map<Long, Disposition> dispositionsByCall = this.dispositions.forCalls(tenantId,
				ended.stream().map(Call::id).toList());
		Map<Long, String> providers = new HashMap<>();
		int done = 0;
		for (Call call : ended) {
			if (done > 0 && System.nanoTime() - deadline > 0) {
				break;
			}
			if (CallFact.counts(call)) {
				store(CallFact.of(call, dispositionsByCall.get(call.id()), zone,
						provider(call.accountId(), providers)));
			}
			done++;
		}
		return done;
	}

	private boolean store(CallFact fact) {
		Stored before = this.facts.find(fact.callId()).orElse(null);
		if (!this.facts.write(fact, before)) {
			return false;
		}
		this.callBacks.link(fact, before);
		return true;
	}

	// An account with calls is never deleted, and its provider never changes.
	private String provider(long accountId, Map<Long, String> known) {
		return known.computeIfAbsent(accountId,
				(id) -> this.accounts.findCached(id)
					.map(TelephonyAccount::provider)
					.orElseThrow(() -> new IllegalStateException("No telephony account " + id)));
	}

	/**
	 * A tenant's cursor, locked.
	 *
	 * @param cursor the cursor as it was when locked
	 * @param zone the tenant's zone now
	 */
	record Locked(CallFactRebuilds.Cursor cursor, ZoneId zone) {
	}

}
