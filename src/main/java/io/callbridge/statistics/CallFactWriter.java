package io.callbridge.statistics;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.statistics.CallFacts.Stored;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes call facts from the current state of the calls: the call (calls module), its
 * disposition, the tenant's time zone now and the provider of the call's account. Every
 * write holds the tenant's lock and reads after taking it, so it sees every write
 * committed before, and a fact computed from an older version of a call never replaces a
 * newer one.
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

	CallFactWriter(Calls calls, DispositionService dispositions, Tenants tenants, TelephonyAccounts accounts,
			CallFactRebuilds rebuilds, CallFacts facts, CallBacks callBacks) {
		this.calls = calls;
		this.dispositions = dispositions;
		this.tenants = tenants;
		this.accounts = accounts;
		this.rebuilds = rebuilds;
		this.facts = facts;
		this.callBacks = callBacks;
	}

	/**
	 * Writes the fact of one call as it is now; a call that has not ended (or no longer
	 * exists) is left alone.
	 * @param tenantId tenant
	 * @param callId call
	 * @return whether a fact was written
	 */
	@Transactional
	public boolean write(long tenantId, long callId) {
		ZoneId zone = lockTenant(tenantId).zone();
		Optional<Call> call = this.calls.find(tenantId, callId).filter(CallFact::counts);
		if (call.isEmpty()) {
			return false;
		}
		Disposition disposition = this.dispositions.find(tenantId, callId).orElse(null);
		return store(CallFact.of(call.get(), disposition, zone, provider(call.get().accountId(), new HashMap<>())));
	}

	/**
	 * Takes the tenant's lock for the rest of the transaction and reads its time zone
	 * after taking it (a zone changed meanwhile is seen).
	 * @param tenantId tenant
	 * @return the cursor as locked, with the tenant's zone now
	 */
	Locked lockTenant(long tenantId) {
		CallFactRebuilds.Cursor cursor = this.rebuilds.lock(tenantId, this.tenants.get(tenantId).timeZone());
		return new Locked(cursor, this.tenants.get(tenantId).timeZone());
	}

	/**
	 * Writes the facts of ended calls of one tenant, whose lock the caller holds.
	 * @param tenantId tenant
	 * @param ended the calls, all ended
	 * @param zone the tenant's zone
	 */
	void writeAll(long tenantId, List<Call> ended, ZoneId zone) {
		Map<Long, Disposition> dispositionsByCall = this.dispositions.forCalls(tenantId,
				ended.stream().map(Call::id).toList());
		Map<Long, String> providers = new HashMap<>();
		for (Call call : ended) {
			if (CallFact.counts(call)) {
				store(CallFact.of(call, dispositionsByCall.get(call.id()), zone,
						provider(call.accountId(), providers)));
			}
		}
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
