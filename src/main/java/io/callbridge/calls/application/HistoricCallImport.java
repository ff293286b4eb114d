package io.callbridge.calls.application;

import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callbridge.calls.application.CallRecords.KnownCall;
import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Turns one call of a provider's history into the events of the normalized call model,
 * unless the call is known and complete already (ended by a provider report, not just
 * seen gone by a poller). The events carry fixed dedupe keys, so importing the same call
 * again adds nothing.
 */
@Component
class HistoricCallImport {

	/** What importing one call did. */
	enum Outcome {

		ADDED, COMPLETED, ALREADY_KNOWN

	}

	// Provider call ids looked up in one query: a CallMyWay page.
	private static final int BATCH = 500;

	private static final Logger log = LoggerFactory.getLogger(HistoricCallImport.class);

	// The fields of a historic call's raw payload before the provider's extras.
	private static final Set<String> RAW_FIELDS = Set.of("source", "providerCallId", "direction", "startedAt",
			"answeredAt", "externalNumber", "ourLine", "extension", "result", "talkSeconds", "recordingRef", "cost",
			"currency");

	private static final KnownCall COMPLETE = new KnownCall(CallState.ENDED.name(), true);

	private final CallRecords records;

	private final CallEventSink sink;

	private final Tenants tenants;

	private final HistoricCallWriter writer;

	private final PagesInFlight pages;

	HistoricCallImport(CallRecords records, CallEventSink sink, Tenants tenants, HistoricCallWriter writer,
			HistoryPageWorkers workers) {
		this.records = records;
		this.sink = sink;
		this.tenants = tenants;
		this.writer = writer;
		this.pages = workers.pages();
	}

	/**
	 * Imports the calls a batch at a time: which of them are known is looked up in one
	 * query per batch, the new ones are written together ({@link HistoricCallWriter}),
	 * and a known call whose end is missing goes through event ingestion as a live event
	 * would. On PostgreSQL a few batches are in flight at once
	 * ({@link HistoryPageWorkers}); a call listed in two of them is written by one, and
	 * the other, refused by the calls' unique key, takes it call by call as known.
	 * @return each call's outcome, in the order of the calls
	 */
	List<Outcome> apply(TelephonyAccount account, List<HistoricCall> calls) {
		// A provider that reports a cost without a currency (CallMyWay) charges in the
		// account's own currency: the tenant's.
		String currency = this.tenants.get(account.tenantId()).currency();
		List<List<HistoricCall>> batches = new ArrayList<>();
		for (int from = 0; from < calls.size(); from += BATCH) {
			batches.add(calls.subList(from, Math.min(calls.size(), from + BATCH)));
		}
		return this.pages.run(batches, (batch) -> applyBatch(account, batch, currency));
	}

	private List<Outcome> applyBatch(TelephonyAccount account, List<HistoricCall> batch, String currency) {
		Map<String, KnownCall> known = new HashMap<>(this.records.known(account.id(), ids(batch)));
		List<Outcome> outcomes = new ArrayList<>(Collections.nCopies(batch.size(), Outcome.ADDED));
		Map<String, Integer> fresh = new LinkedHashMap<>();
		List<Integer> perCall = new ArrayList<>();
		for (int i = 0; i < batch.size(); i++) {
			String id = id(batch.get(i));
			if (known.containsKey(id)) {
				perCall.add(i);
			}
			else {
				fresh.put(id, i);
				// Imported now, so complete: the same id listed again is not imported
				// again.
				known.put(id, COMPLETE);
			}
		}
		List<HistoricCall> left = writeNew(account,
				fresh.keySet().stream().map((id) -> batch.get(fresh.get(id))).toList(), currency);
		Map<String, KnownCall> nowKnown = left.isEmpty() ? Map.of() : this.records.known(account.id(), ids(left));
		for (HistoricCall call : left) {
			outcomes.set(fresh.get(id(call)), apply(account, call, nowKnown.get(id(call)), currency));
		}
		for (int i : perCall) {
			String id = id(batch.get(i));
			outcomes.set(i, apply(account, batch.get(i), known.get(id), currency));
			known.put(id, COMPLETE);
		}
		return outcomes;
	}

	// The new calls written in one go; those the writer leaves (a pending click-to-call
	// may be theirs), or all of them when one was stored meanwhile by a live event,
	// another node or another page in flight, go one by one through event ingestion,
	// which merges them as it would any live event. PostgreSQL makes an insert of a key
	// another transaction holds uncommitted wait for it, then refuses it once it commits;
	// two pages holding such keys in opposite orders deadlock instead, and the one given
	// up is written again once: by then the other has ended, so the retry either succeeds
	// or is refused as a duplicate, and the calls are looked up afresh.
	private List<HistoricCall> writeNew(TelephonyAccount account, List<HistoricCall> fresh, String currency) {
		try {
			try {
				return this.writer.write(account, fresh, currency);
			}
			catch (ConcurrencyFailureException ex) {
				log.info("Account {}: the history page waited on another writing the same calls; writing it again",
						account.id());
				return this.writer.write(account, fresh, currency);
			}
		}
		catch (DuplicateKeyException ex) {
			log.info("Account {}: a call of the history page was stored meanwhile; importing the page call by call",
					account.id());
			return fresh;
		}
	}

	private static List<String> ids(List<HistoricCall> calls) {
		Set<String> ids = new LinkedHashSet<>();
		calls.forEach((call) -> ids.add(id(call)));
		return new ArrayList<>(ids);
	}

	// The provider's id as stored (a very long one is shortened with its hash).
	private static String id(HistoricCall call) {
		return StorableEvent.key(call.providerCallId(), StorableEvent.CALL_ID);
	}

	private Outcome apply(TelephonyAccount account, HistoricCall call, @Nullable KnownCall known,
			String defaultCurrency) {
		String state = (known != null) ? known.state() : null;
		// A call ended by a provider report is complete; one a poller only saw disappear
		// (or the sweeper closed) still lacks its result, duration and charges, which the
		// history brings.
		if (known != null && CallState.ENDED.name().equals(state) && known.reportedEnd()) {
			return Outcome.ALREADY_KNOWN;
		}
		// One change of the call: those who follow it hear the record's outcome once.
		this.sink.acceptCall(events(account, call, state, defaultCurrency));
		return (state == null) ? Outcome.ADDED : Outcome.COMPLETED;
	}

	/**
	 * The events of the normalized call model a historic call brings: its start (unless
	 * the call is stored already, in {@code knownState}), its answer if answered, and its
	 * end with result, talk time, recording and cost.
	 */
	static List<ProviderCallEvent> events(TelephonyAccount account, HistoricCall call, @Nullable String knownState,
			String defaultCurrency) {
		String raw = rawPayload(call);
		List<ProviderCallEvent> events = new ArrayList<>();
		if (knownState == null) {
			events.add(event(account, call, CallEventType.STARTED, call.startedAt(), raw).build());
		}
		Instant answeredAt = call.answeredAt();
		if (answeredAt != null) {
			events
				.add(event(account, call, CallEventType.ANSWERED, answeredAt, raw).extension(call.extension()).build());
		}
		// The record's own times: answered at its connect time and ended its talk time
		// later; without a connect time the ring time is unknown.
		int talk = (call.talkSeconds() != null) ? Math.max(0, call.talkSeconds()) : 0;
		Instant endedAt = ((answeredAt != null) ? answeredAt : call.startedAt()).plusSeconds(talk);
		String currency = (call.cost() != null && call.currency() == null) ? defaultCurrency : call.currency();
		events.add(event(account, call, CallEventType.ENDED, endedAt, raw).extension(call.extension())
			.result(call.result())
			.talkSeconds(call.talkSeconds())
			.recordingRef(call.recordingRef())
			.cost(call.cost(), currency)
			.build());
		return events;
	}

	private static ProviderCallEvent.Builder event(TelephonyAccount account, HistoricCall call, CallEventType type,
			Instant at, String raw) {
		return ProviderCallEvent.of(account.id(), call.providerCallId(), type, at)
			.direction(call.direction())
			.externalNumber(call.externalNumber())
			.ourLine(call.ourLine())
			.dedupeKey("history:" + type)
			.source(EventSource.HISTORY)
			.rawPayload(raw);
	}

	// Written field by field, the JSON a map of them gave (nulls included), without a map
	// and its serializer per call: a page writes 500.
	private static String rawPayload(HistoricCall call) {
		StringWriter out = new StringWriter(512);
		try (JsonGenerator json = JsonMapper.shared().createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("source", "provider call history");
			json.writeStringProperty("providerCallId", call.providerCallId());
			json.writeStringProperty("direction", call.direction().name());
			json.writeStringProperty("startedAt", call.startedAt().toString());
			json.writeStringProperty("answeredAt", (call.answeredAt() != null) ? call.answeredAt().toString() : null);
			json.writeStringProperty("externalNumber", call.externalNumber());
			json.writeStringProperty("ourLine", call.ourLine());
			json.writeStringProperty("extension", call.extension());
			json.writeStringProperty("result", call.result().name());
			json.writePOJOProperty("talkSeconds", call.talkSeconds());
			json.writeStringProperty("recordingRef", call.recordingRef());
			json.writePOJOProperty("cost", call.cost());
			json.writeStringProperty("currency", call.currency());
			// A provider's own fields, unless one is named as a field above (no name
			// twice).
			call.extras().forEach((name, value) -> {
				if (!RAW_FIELDS.contains(name)) {
					json.writeStringProperty(name, value);
				}
			});
			json.writeEndObject();
		}
		return out.toString();
	}

}
