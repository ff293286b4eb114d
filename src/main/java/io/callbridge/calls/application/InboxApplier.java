package io.callbridge.calls.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.callbridge.calls.application.InboxRows.Claimed;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns the inbox's stored events of one call back into provider events and applies them
 * to the call, in the order they arrived, inside the lane's transaction.
 */
@Component
class InboxApplier {

	private static final Logger log = LoggerFactory.getLogger(InboxApplier.class);

	private static final JsonMapper JSON = JsonMapper.shared();

	private final CallEventIngestion ingestion;

	private final TelephonyAccounts accounts;

	InboxApplier(CallEventIngestion ingestion, TelephonyAccounts accounts) {
		this.ingestion = ingestion;
		this.accounts = accounts;
	}

	/** The stored form of an event. */
	static String encode(ProviderCallEvent event) {
		return JSON.writeValueAsString(event);
	}

	static ProviderCallEvent decode(String stored) {
		return JSON.readValue(stored, ProviderCallEvent.class);
	}

	/**
	 * Claimed events grouped by call, each group in arrival order, the groups in the
	 * order of their account and provider call id: two transactions that took events of
	 * the same calls (lanes of two nodes) lock the calls' rows in the same order, so they
	 * wait for each other instead of deadlocking (they did, in the order of first
	 * arrival, which differs between two parts of a lane's events).
	 */
	static List<List<Claimed>> byCall(List<Claimed> claimed) {
		Map<CallKey, List<Claimed>> calls = new TreeMap<>();
		for (Claimed event : claimed) {
			calls.computeIfAbsent(new CallKey(event.accountId(), event.providerCallId()), (key) -> new ArrayList<>())
				.add(event);
		}
		return new ArrayList<>(calls.values());
	}

	private record CallKey(long accountId, String providerCallId) implements Comparable<CallKey> {

		private static final Comparator<CallKey> ORDER = Comparator.comparingLong(CallKey::accountId)
			.thenComparing(CallKey::providerCallId);

		@Override
		public int compareTo(CallKey other) {
			return ORDER.compare(this, other);
		}

	}

	/**
	 * Applies one call's events (within the caller's transaction).
	 * @return what became of each, by inbox id
	 */
	Map<Long, Ingestion> apply(List<Claimed> call) {
		Map<Long, Ingestion> outcomes = new LinkedHashMap<>();
		Optional<TelephonyAccount> account = this.accounts.findCached(call.get(0).accountId());
		if (account.isEmpty()) {
			log.warn("Dropping {} stored event(s) of account {}: the account no longer exists", call.size(),
					call.get(0).accountId());
			call.forEach((c) -> outcomes.put(c.id(), Ingestion.DISCARDED));
			return outcomes;
		}
		List<ProviderCallEvent> events = call.stream().map((c) -> decode(c.event())).toList();
		List<Instant> receivedAt = call.stream().map(Claimed::receivedAt).toList();
		List<Ingestion> applied = this.ingestion.applyStored(account.get(), events, receivedAt);
		for (int i = 0; i < call.size(); i++) {
			outcomes.put(call.get(i).id(), applied.get(i));
		}
		return outcomes;
	}

}
