package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callbridge.calls.application.CallRecords.StaleCall;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.TelephonyProviders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes calls nobody reported ended: a call with no event for longer than its provider's
 * longest call (a lost notification, a crash just after a webhook was acknowledged) would
 * otherwise stay ringing or in conversation forever and keep its agent busy. The call
 * ends at its last known moment with an end marked as the sweeper's, which any later
 * report from the provider overrides. Staleness is measured on the database's clock; two
 * nodes sweeping at once close a call once (its end is stored once under a fixed key).
 */
@Component
public class StaleCalls {

	static final String DEDUPE_KEY = "sweep:ENDED";

	private static final int BATCH = 200;

	private static final Logger log = LoggerFactory.getLogger(StaleCalls.class);

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	private final CallRecords records;

	private final CallEventSink sink;

	private final @Nullable Duration staleAfter;

	StaleCalls(TelephonyAccounts accounts, TelephonyProviders providers, CallRecords records, CallEventSink sink,
			@Value("${callbridge.calls.stale-after:#{null}}") @Nullable Duration staleAfter) {
		this.accounts = accounts;
		this.providers = providers;
		this.records = records;
		this.sink = sink;
		this.staleAfter = staleAfter;
	}

	@Scheduled(fixedDelayString = "${callbridge.calls.sweep-interval:60s}",
			initialDelayString = "${callbridge.calls.sweep-interval:60s}")
	void sweep() {
		for (TelephonyAccount account : this.accounts.allEnabled()) {
			try {
				closeFor(account);
			}
			catch (RuntimeException ex) {
				log.warn("Closing stale calls of account {} failed: {}", account.id(), ex.getMessage());
			}
		}
	}

	/**
	 * Closes the account's calls that have had no event for longer than its provider's
	 * longest call (or the configured {@code callbridge.calls.stale-after}).
	 * @return how many calls were closed
	 */
	public int closeFor(TelephonyAccount account) {
		Duration limit = limit(account);
		Instant cutoff = this.records.databaseNow().minus(limit);
		int closed = 0;
		for (StaleCall call : this.records.staleCalls(account.id(), cutoff, BATCH)) {
			Instant lastKnown = (call.lastOccurredAt() != null) ? call.lastOccurredAt() : cutoff;
			this.sink.accept(ProviderCallEvent.of(account.id(), call.providerCallId(), CallEventType.ENDED, lastKnown)
				.dedupeKey(DEDUPE_KEY)
				.source(EventSource.SWEEPER)
				.rawPayload(payload(limit))
				.build());
			closed++;
		}
		if (closed > 0) {
			log.info("Account {}: closed {} calls with no event for more than {}", account.id(), closed, limit);
		}
		return closed;
	}

	private Duration limit(TelephonyAccount account) {
		if (this.staleAfter != null) {
			return this.staleAfter;
		}
		Optional<TelephonyProvider> provider = this.providers.find(account.provider());
		return provider.map(TelephonyProvider::maxCallDuration).orElse(Duration.ofHours(4));
	}

	private static String payload(Duration limit) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("source", "Callbridge");
		body.put("reason", "no event from the provider for longer than its longest call");
		body.put("noEventFor", limit.toString());
		return JsonMapper.shared().writeValueAsString(body);
	}

}
