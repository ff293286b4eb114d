package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.CallHistorySource;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyFailure;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.TelephonyProviders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Reconciles calls with the provider's own history (statistics, CDRs) so that calls whose
 * live events were lost still appear, and never twice: a call is keyed by the provider's
 * id, complete calls are left alone, and a known call whose end was lost is completed.
 * Runs on a schedule per account (as often as the provider's limits allow) and on demand
 * for a period chosen by an admin.
 */
@Service
public class CallHistoryReconciliation {

	/** The longest period one manual reconciliation may cover. */
	static final Duration MAX_PERIOD = Duration.ofDays(92);

	// Calls are reconciled once they have had time to end and reach the provider's
	// history; each run overlaps the previous one in case a call was listed late.
	private static final Duration SETTLE = Duration.ofMinutes(5);

	private static final Duration OVERLAP = Duration.ofHours(2);

	private static final Duration FIRST_LOOKBACK = Duration.ofDays(1);

	private static final Logger log = LoggerFactory.getLogger(CallHistoryReconciliation.class);

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	private final HistorySyncs syncs;

	private final HistoricCallImport imports;

	private final DatabaseClock clock;

	CallHistoryReconciliation(TelephonyAccounts accounts, TelephonyProviders providers, HistorySyncs syncs,
			HistoricCallImport imports, DatabaseClock clock) {
		this.accounts = accounts;
		this.providers = providers;
		this.syncs = syncs;
		this.imports = imports;
		this.clock = clock;
	}

	/**
	 * Reconciles one period of an account on demand (a backfill).
	 * @throws Problems.InvalidInput for an empty, future or too long period
	 * @throws Problems.Conflict when the account's provider keeps no history or the
	 * account is disabled
	 * @throws Problems.ProviderFailure when the provider cannot be read
	 */
	public ReconciliationReport reconcile(long tenantId, long accountId, Instant from, Instant to) {
		validatePeriod(from, to, this.clock.now());
		TelephonyAccount account = this.accounts.get(tenantId, accountId);
		if (!account.enabled()) {
			throw new Problems.Conflict(Text.of("reconciliation.accountDisabled", account.name()));
		}
		CallHistorySource source = source(account)
			.orElseThrow(() -> new Problems.Conflict(Text.of("reconciliation.noHistory", account.name())));
		return run(account, source, from, to);
	}

	/** The account's scheduled reconciliation state, if it has run. */
	public Optional<HistorySyncState> state(long tenantId, long accountId) {
		this.accounts.get(tenantId, accountId);
		return this.syncs.find(accountId);
	}

	/** Whether the account's provider keeps a history Callbridge can reconcile with. */
	public boolean supports(TelephonyAccount account) {
		return source(account).isPresent();
	}

	// Every node looks every minute, reading only account ids; the account and its
	// credentials are read by the node that claimed the run.
	@Scheduled(fixedDelayString = "${callbridge.reconciliation.poll-interval:60s}",
			initialDelayString = "${callbridge.reconciliation.initial-delay:60s}")
	void reconcileDue() {
		for (TelephonyProvider provider : this.providers.all()) {
			if (stopping()) {
				return;
			}
			if (provider instanceof CallHistorySource source) {
				for (long accountId : this.accounts.enabledIds(provider.key())) {
					if (stopping()) {
						return;
					}
					this.syncs.claimIfDue(accountId).ifPresent((lease) -> reconcileClaimed(accountId, source, lease));
				}
			}
		}
	}

	// Interrupted: the node is stopping; the accounts left are claimed by another
	// node, or by this one when it is back.
	private static boolean stopping() {
		return Thread.currentThread().isInterrupted();
	}

	void reconcileIfDue(TelephonyAccount account, CallHistorySource source) {
		this.syncs.claimIfDue(account.id()).ifPresent((lease) -> reconcile(account, source, lease));
	}

	private void reconcileClaimed(long accountId, CallHistorySource source, Lease lease) {
		Optional<TelephonyAccount> account = this.accounts.find(accountId)
			.filter((found) -> found.enabled() && found.hasCredentials() && CommonSettings.of(found).reconcile());
		if (account.isPresent()) {
			reconcile(account.get(), source, lease);
		}
		else {
			this.syncs.abandon(lease);
		}
	}

	// The period and the next run are counted from the lease's start, the database's
	// time, in whole milliseconds so the stored period end reads back exactly.
	private void reconcile(TelephonyAccount account, CallHistorySource source, Lease lease) {
		Instant now = lease.acquiredAt();
		Instant syncedUntil = this.syncs.find(account.id()).map(HistorySyncState::syncedUntil).orElse(null);
		Instant from = (syncedUntil != null) ? syncedUntil.minus(OVERLAP) : now.minus(FIRST_LOOKBACK);
		Instant to = now.minus(SETTLE);
		Instant next = now.plus(source.reconcileEvery());
		try {
			ReconciliationReport report = run(account, source, from, to);
			this.syncs.succeeded(account.id(), lease, to, report, next);
		}
		catch (RuntimeException ex) {
			if (stopping()) {
				givenBack(account, lease);
				return;
			}
			log.warn("Reconciling account {} failed: {}", account.id(), ex.getMessage());
			this.syncs.failed(account.id(), lease, TelephonyFailure.textOf(ex), next);
		}
	}

	// A run cut short by the node stopping is not the provider's failure: the account
	// keeps its last result and its place, and the lease is given back so that another
	// node runs it now rather than when the lease would have ended. The pool refuses a
	// connection to an interrupted thread, hence the flag set aside for the release.
	private void givenBack(TelephonyAccount account, Lease lease) {
		boolean interrupted = Thread.interrupted();
		try {
			this.syncs.abandon(lease);
			log.info("Reconciling account {} stopped with this node; it runs again from the same point", account.id());
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private ReconciliationReport run(TelephonyAccount account, CallHistorySource source, Instant from, Instant to) {
		List<HistoricCall> calls = source.callsBetween(account, this.accounts.credentials(account), from, to);
		int added = 0;
		int completed = 0;
		int known = 0;
		for (HistoricCallImport.Outcome outcome : this.imports.apply(account, calls)) {
			switch (outcome) {
				case ADDED -> added++;
				case COMPLETED -> completed++;
				case ALREADY_KNOWN -> known++;
			}
		}
		if (added + completed > 0) {
			log.info("Account {}: reconciled {} calls from {} to {}: {} added, {} completed", account.id(),
					calls.size(), from, to, added, completed);
		}
		return new ReconciliationReport(from, to, calls.size(), added, completed, known);
	}

	private Optional<CallHistorySource> source(TelephonyAccount account) {
		return this.providers.find(account.provider())
			.filter(CallHistorySource.class::isInstance)
			.map(CallHistorySource.class::cast);
	}

	private static void validatePeriod(Instant from, Instant to, Instant now) {
		if (!from.isBefore(to)) {
			throw new Problems.InvalidInput("from", Text.of("reconciliation.periodReversed"));
		}
		if (from.isAfter(now)) {
			throw new Problems.InvalidInput("from", Text.of("reconciliation.periodInFuture"));
		}
		if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
			throw new Problems.InvalidInput("to", Text.of("reconciliation.periodTooLong", MAX_PERIOD.toDays()));
		}
	}

}
