package io.callbridge.uis.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One finished call session read from the Data API ({@code get.calls_report} filtered by
 * its id, {@code get.call_legs_report} by {@code call_session_id}) as the history events
 * of the call: started, answered by the employee who talked, ended with UIS's result and
 * talk time, and the recording. The events carry the same fixed dedupe keys as a
 * reconciled call's, so reading the session again, or reconciling it later, adds nothing.
 */
final class UisSessionDetails {

	private final UisApiClient api;

	UisSessionDetails(UisApiClient api) {
		this.api = api;
	}

	/**
	 * The session's events, or empty while the report does not list it yet.
	 * @param from the earliest local time searched
	 * @param till the latest
	 */
	Optional<List<ProviderCallEvent>> events(long accountId, UisAccess access, String callSessionId, Instant from,
			Instant till) {
		Object id = callSessionId.matches("\\d{1,18}") ? (Object) Long.parseLong(callSessionId) : callSessionId;
		Map<String, Object> filter = Map.of("field", "id", "operator", "=", "value", id);
		List<JsonNode> rows = this.api.callsReport(access, from, till, filter, 0).rows();
		JsonNode row = rows.stream()
			.filter((candidate) -> callSessionId.equals(UisJson.text(candidate.path("id"))))
			.findFirst()
			.orElse(null);
		if (row == null) {
			return Optional.empty();
		}
		List<JsonNode> legs = this.api.callLegs(access, callSessionId, from, till);
		HistoricCall call = UisCallHistory.call(row, legs, access.zone());
		if (call == null) {
			return Optional.empty();
		}
		return Optional
			.of(events(accountId, call, UisJson.dateTime(row.path("finish_time"), access.zone()), raw(row, legs)));
	}

	static List<ProviderCallEvent> events(long accountId, HistoricCall call, @Nullable Instant finishedAt, String raw) {
		List<ProviderCallEvent> events = new ArrayList<>();
		events.add(event(accountId, call, CallEventType.STARTED, call.startedAt(), raw).build());
		Instant answeredAt = call.answeredAt();
		if (answeredAt != null) {
			events.add(event(accountId, call, CallEventType.ANSWERED, answeredAt, raw).extension(call.extension())
				.build());
		}
		int talk = (call.talkSeconds() != null) ? call.talkSeconds() : 0;
		Instant endedAt = (finishedAt != null) ? finishedAt
				: ((answeredAt != null) ? answeredAt : call.startedAt()).plusSeconds(talk);
		events.add(event(accountId, call, CallEventType.ENDED, endedAt, raw).extension(call.extension())
			.result(call.result())
			.talkSeconds(call.talkSeconds())
			.build());
		if (call.recordingRef() != null) {
			events.add(event(accountId, call, CallEventType.RECORDING_AVAILABLE, endedAt, raw)
				.recordingRef(call.recordingRef())
				.build());
		}
		return events;
	}

	private static ProviderCallEvent.Builder event(long accountId, HistoricCall call, CallEventType type, Instant at,
			String raw) {
		return ProviderCallEvent.of(accountId, call.providerCallId(), type, at)
			.direction(call.direction())
			.externalNumber(call.externalNumber())
			.ourLine(call.ourLine())
			.dedupeKey("history:" + type)
			.source(EventSource.HISTORY)
			.rawPayload(raw);
	}

	private static String raw(JsonNode row, List<JsonNode> legs) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("source", "get.calls_report");
		body.put("call", row);
		body.put("legs", legs);
		return JsonMapper.shared().writeValueAsString(body);
	}

}
