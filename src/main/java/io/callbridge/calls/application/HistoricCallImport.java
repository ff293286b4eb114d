package io.callbridge.calls.application;

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
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
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

	HistoricCallImport(CallRecords records, CallEventSink sink) {
		this.records = records;
		this.sink = sink;
	}

	/**
	 * Imports the calls in order, a batch at a time: which of them are known is looked up
	 * in one query per batch rather than per call.
	 */
	List<Outcome> apply(TelephonyAccount account, List<HistoricCall> calls) {
		List<Outcome> outcomes = new ArrayList<>(calls.size());
		for (int from = 0; from < calls.size(); from += BATCH) {
			List<HistoricCall> batch = calls.subList(from, Math.min(calls.size(), from + BATCH));
			Set<String> ids = new LinkedHashSet<>();
			batch.forEach((call) -> ids.add(call.providerCallId()));
			Map<String, KnownCall> known = new HashMap<>(this.records.known(account.id(), ids));
			for (HistoricCall call : batch) {
				outcomes.add(apply(account, call, known.get(call.providerCallId())));
				// Imported now, so complete: the same id listed twice is not imported
				// again.
				known.put(call.providerCallId(), COMPLETE);
			}
		}
		return outcomes;
	}

	private Outcome apply(TelephonyAccount account, HistoricCall call, @Nullable KnownCall known) {
		String state = (known != null) ? known.state() : null;
		// A call ended by a provider report is complete; one a poller only saw disappear
		// still lacks its result, duration and charges, which the history brings.
		if (known != null && CallState.ENDED.name().equals(state) && known.reportedEnd()) {
			return Outcome.ALREADY_KNOWN;
		}
		String raw = rawPayload(call);
		if (state == null) {
			this.sink.accept(
					ProviderCallEvent.of(account.id(), call.providerCallId(), CallEventType.STARTED, call.startedAt())
						.direction(call.direction())
						.externalNumber(call.externalNumber())
						.ourLine(call.ourLine())
						.dedupeKey("history:STARTED")
						.rawPayload(raw)
						.build());
		}
		int talk = (call.talkSeconds() != null) ? call.talkSeconds() : 0;
		this.sink.accept(ProviderCallEvent
			.of(account.id(), call.providerCallId(), CallEventType.ENDED, call.startedAt().plusSeconds(talk))
			.direction(call.direction())
			.externalNumber(call.externalNumber())
			.ourLine(call.ourLine())
			.extension(call.extension())
			.result(call.result())
			.talkSeconds(call.talkSeconds())
			.recordingRef(call.recordingRef())
			.cost(call.cost(), call.currency())
			.dedupeKey("history:ENDED")
			.rawPayload(raw)
			.build());
		return (state == null) ? Outcome.ADDED : Outcome.COMPLETED;
	}

	private static String rawPayload(HistoricCall call) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("source", "provider call history");
		body.put("providerCallId", call.providerCallId());
		body.put("direction", call.direction());
		body.put("startedAt", call.startedAt().toString());
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
