package io.callbridge.calls.application;

import java.time.Instant;
import java.util.ArrayList;
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
import tools.jackson.databind.json.JsonMapper;

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

	private static final KnownCall COMPLETE = new KnownCall(CallState.ENDED.name(), true);

	private final CallRecords records;

	private final CallEventSink sink;

	private final Tenants tenants;

	HistoricCallImport(CallRecords records, CallEventSink sink, Tenants tenants) {
		this.records = records;
		this.sink = sink;
		this.tenants = tenants;
	}

	/**
	 * Imports the calls in order, a batch at a time: which of them are known is looked up
	 * in one query per batch rather than per call.
	 */
	List<Outcome> apply(TelephonyAccount account, List<HistoricCall> calls) {
		List<Outcome> outcomes = new ArrayList<>(calls.size());
		// A provider that reports a cost without a currency (CallMyWay) charges in the
		// account's own currency: the tenant's.
		String currency = this.tenants.get(account.tenantId()).currency();
		for (int from = 0; from < calls.size(); from += BATCH) {
			List<HistoricCall> batch = calls.subList(from, Math.min(calls.size(), from + BATCH));
			Set<String> ids = new LinkedHashSet<>();
			batch.forEach((call) -> ids.add(call.providerCallId()));
			Map<String, KnownCall> known = new HashMap<>(this.records.known(account.id(), ids));
			for (HistoricCall call : batch) {
				outcomes.add(apply(account, call, known.get(call.providerCallId()), currency));
				// Imported now, so complete: the same id listed twice is not imported
				// again.
				known.put(call.providerCallId(), COMPLETE);
			}
		}
		return outcomes;
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
		String raw = rawPayload(call);
		List<ProviderCallEvent> events = new ArrayList<>();
		if (state == null) {
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
		// One change of the call: those who follow it hear the record's outcome once.
		this.sink.acceptCall(events);
		return (state == null) ? Outcome.ADDED : Outcome.COMPLETED;
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

	private static String rawPayload(HistoricCall call) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("source", "provider call history");
		body.put("providerCallId", call.providerCallId());
		body.put("direction", call.direction());
		body.put("startedAt", call.startedAt().toString());
		body.put("answeredAt", (call.answeredAt() != null) ? call.answeredAt().toString() : null);
		body.put("externalNumber", call.externalNumber());
		body.put("ourLine", call.ourLine());
		body.put("extension", call.extension());
		body.put("result", call.result());
		body.put("talkSeconds", call.talkSeconds());
		body.put("recordingRef", call.recordingRef());
		body.put("cost", call.cost());
		body.put("currency", call.currency());
		body.putAll(call.extras());
		return JsonMapper.shared().writeValueAsString(body);
	}

}
