package io.callbridge.callmyway.inbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns two consecutive polls of live calls into normalized events: a call that appears
 * has started and rings at the agent's EP; a call whose connect time is set has been
 * answered; a call that is gone has ended. The end is provisional — the result and the
 * charges come with the call's CDR — so it carries no result and its own dedupe key.
 */
final class LiveCallDiff {

	/** The dedupe key of the provisional end of a call that left the live list. */
	static final String PROVISIONAL_END = "live:ENDED";

	private LiveCallDiff() {
	}

	static List<ProviderCallEvent> between(Map<String, LiveCall> before, Map<String, LiveCall> now, long accountId,
			Instant polledAt) {
		List<ProviderCallEvent> events = new ArrayList<>();
		now.values().forEach((call) -> {
			LiveCall previous = before.get(call.callId());
			if (previous == null) {
				events.add(event(accountId, call, CallEventType.STARTED, call.detectedAt()).build());
				if (call.extension() != null) {
					events.add(event(accountId, call, CallEventType.RINGING, call.detectedAt()).build());
				}
			}
			if (call.connected() && (previous == null || !previous.connected())) {
				events.add(event(accountId, call, CallEventType.ANSWERED, call.connectedAt()).build());
			}
		});
		before.values()
			.stream()
			.filter((call) -> !now.containsKey(call.callId()))
			.forEach((call) -> events
				.add(event(accountId, call, CallEventType.ENDED, polledAt).dedupeKey(PROVISIONAL_END).build()));
		return events;
	}

	private static ProviderCallEvent.Builder event(long accountId, LiveCall call, CallEventType type, Instant at) {
		return ProviderCallEvent.of(accountId, call.callId(), type, at)
			.direction(call.direction())
			.externalNumber(call.externalNumber())
			.extension(call.extension())
			.dedupeKey("live:" + type)
			.source(EventSource.POLL)
			.rawPayload(JsonMapper.shared().writeValueAsString(call));
	}

}
