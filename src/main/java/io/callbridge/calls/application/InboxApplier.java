package io.callbridge.calls.application;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.callbridge.calls.application.InboxRows.Claimed;
import io.callbridge.telephony.CallEventSink.Ingestion;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns the inbox's stored events of one call back into provider events and applies them
 * to the call, in the order they arrived, inside the lane's transaction.
 */
@Component
class InboxApplier {

	private static final Logger log = LoggerFactory.getLogger(InboxApplier.class);

	/**
	 * The stored form leaves out absent (null) fields: an event's row is written to the
	 * database's log when stored and its JSON read back when applied, and most events
	 * fill few of their optional fields. A node of an older version reads it as before
	 * (an absent field of the record is null).
	 */
	private static final JsonMapper JSON = JsonMapper.builder()
		.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.NON_NULL))
		.build();

	private static final ObjectWriter WRITER = JSON.writerFor(ProviderCallEvent.class);

	private static final ObjectReader READER = JSON.readerFor(ProviderCallEvent.class);

	private final CallEventIngestion ingestion;

	private final TelephonyAccounts accounts;

	InboxApplier(CallEventIngestion ingestion, TelephonyAccounts accounts) {
		this.ingestion = ingestion;
		this.accounts = accounts;
	}

	/** The stored form of an event. */
	static String encode(ProviderCallEvent event) {
		return WRITER.writeValueAsString(event);
	}

	static ProviderCallEvent decode(String stored) {
		return READER.readValue(stored);
	}

	/**
	 * Claimed events grouped by call, each group in arrival order, the groups in the
	 * order of their account and provider call id, the order in which the calls' new rows
	 * are inserted (the stored ones are locked first, in the same order): two
	 * transactions that took events of the same calls (lanes of two nodes) then wait for
	 * each other instead of deadlocking (they did, in the order of first arrival, which
	 * differs between two parts of a lane's events).
	 */
	static List<List<Claimed>> byCall(List<Claimed> claimed) {
		Map<CallKey, List<Claimed>> calls = new TreeMap<>();
		for (Claimed event : claimed) {
			calls.computeIfAbsent(new CallKey(event.accountId(), event.providerCallId()), (key) -> new ArrayList<>())
				.add(event);
		}
		return new ArrayList<>(calls.values());
	}

	/**
	 * Applies the events of several calls (within the caller's transaction), the calls in
	 * the order given: their stored rows and events are read for all of them at once.
	 * @param calls claimed events grouped by call ({@link #byCall})
	 * @param insertNewAtEnd whether the new calls' rows may be inserted once applied
	 * ({@link CallEventIngestion#applyStored})
	 * @return what became of each, by inbox id
	 */
	Map<Long, Ingestion> applyAll(List<List<Claimed>> calls, boolean insertNewAtEnd) {
		Map<Long, Ingestion> outcomes = new LinkedHashMap<>();
		List<List<Claimed>> known = new ArrayList<>();
		List<CallEventIngestion.StoredCall> stored = new ArrayList<>();
		for (List<Claimed> call : calls) {
			Optional<TelephonyAccount> account = this.accounts.findCached(call.get(0).accountId());
			if (account.isEmpty()) {
				log.warn("Dropping {} stored event(s) of account {}: the account no longer exists", call.size(),
						call.get(0).accountId());
				call.forEach((c) -> outcomes.put(c.id(), Ingestion.DISCARDED));
				continue;
			}
			known.add(call);
			stored.add(new CallEventIngestion.StoredCall(account.get(),
					call.stream().map((c) -> decode(c.event())).toList(),
					call.stream().map(Claimed::receivedAt).toList(), true));
		}
		List<List<Ingestion>> applied = stored.isEmpty() ? List.of()
				: this.ingestion.applyStored(stored, insertNewAtEnd);
		for (int c = 0; c < known.size(); c++) {
			for (int i = 0; i < known.get(c).size(); i++) {
				outcomes.put(known.get(c).get(i).id(), applied.get(c).get(i));
			}
		}
		return outcomes;
	}

}
