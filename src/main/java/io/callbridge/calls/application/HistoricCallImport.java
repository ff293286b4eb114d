package io.callbridge.calls.application;

import java.util.LinkedHashMap;
import java.util.Map;

import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
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

	private final CallRecords records;

	private final CallEventSink sink;

	HistoricCallImport(CallRecords records, CallEventSink sink) {
		this.records = records;
		this.sink = sink;
	}

	Outcome apply(TelephonyAccount account, HistoricCall call) {
		String state = this.records.stateOf(account.id(), call.providerCallId()).orElse(null);
		// A call ended by a provider report is complete; one a poller only saw disappear
		// still lacks its result, duration and charges, which the history brings.
		if (CallState.ENDED.name().equals(state) && this.records.hasReportedEnd(account.id(), call.providerCallId())) {
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
