package io.callbridge.uis.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyFailure;
import io.callbridge.uis.outbound.UisSessionFetchQueue.Fetch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Reads the details of finished call sessions from the Data API and applies them to the
 * calls as history events, on one node at a time (the job's {@link Leases lease}, whose
 * end the database's clock decides). A session the report does not have yet, or an
 * attempt that fails, is tried again later (see {@link UisSessionFetchQueue#retry}).
 */
@Component
class UisSessionFetchJob {

	/** The name of the job's lease. */
	static final String LEASE = "uis:session-fetches";

	/** How long a node that stopped mid-run keeps the others from running. */
	static final Duration LEASE_AT_MOST = Duration.ofMinutes(5);

	// Sessions a run takes at most: two requests each keep a run well within its lease.
	private static final int BATCH = 20;

	private static final Logger log = LoggerFactory.getLogger(UisSessionFetchJob.class);

	private final Leases leases;

	private final UisSessionFetchQueue queue;

	private final TelephonyAccounts accounts;

	private final UisTelephonyClient uis;

	private final CallEventSink sink;

	UisSessionFetchJob(Leases leases, UisSessionFetchQueue queue, TelephonyAccounts accounts, UisTelephonyClient uis,
			CallEventSink sink) {
		this.leases = leases;
		this.queue = queue;
		this.accounts = accounts;
		this.uis = uis;
		this.sink = sink;
	}

	@Scheduled(fixedDelayString = "${callbridge.uis.session-fetch-poll-interval:5s}",
			initialDelayString = "${callbridge.uis.session-fetch-poll-interval:5s}")
	void run() {
		try {
			// Looked for first: most runs find nothing due, and the lease is two writes.
			if (this.queue.anyDue()) {
				this.leases.acquire(LEASE, LEASE_AT_MOST).ifPresent(this::runHolding);
			}
		}
		catch (RuntimeException ex) {
			log.warn("Reading finished UIS call sessions failed; trying again at the next run", ex);
		}
	}

	private void runHolding(Lease lease) {
		long started = System.nanoTime();
		try {
			for (Fetch fetch : this.queue.due(BATCH)) {
				// Leaves the rest to the next run rather than outliving the lease.
				if (Duration.ofNanos(System.nanoTime() - started).compareTo(LEASE_AT_MOST.dividedBy(2)) > 0) {
					return;
				}
				attempt(fetch);
			}
		}
		finally {
			this.leases.release(lease, Duration.ZERO);
		}
	}

	void attempt(Fetch fetch) {
		Optional<TelephonyAccount> account = this.accounts.find(fetch.accountId());
		if (account.isEmpty() || !account.get().enabled() || !account.get().hasCredentials()) {
			this.queue.giveUp(fetch, Text.of("uis.sessionAccountUnusable", String.valueOf(fetch.accountId())));
			return;
		}
		try {
			Optional<List<ProviderCallEvent>> events = this.uis.sessionEvents(account.get(),
					this.accounts.credentials(account.get()), fetch.callSessionId(), fetch.createdAt());
			if (events.isPresent()) {
				this.sink.acceptCall(events.get());
				this.queue.done(fetch);
			}
			else {
				this.queue.retry(fetch, Text.of("uis.sessionNotInReport", String.valueOf(fetch.callSessionId())));
			}
		}
		catch (RuntimeException ex) {
			log.debug("Reading UIS call session {} failed", fetch.callSessionId(), ex);
			this.queue.retry(fetch, TelephonyFailure.textOf(ex));
		}
	}

}
