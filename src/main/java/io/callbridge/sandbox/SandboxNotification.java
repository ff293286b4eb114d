package io.callbridge.sandbox;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A notification the sandbox PBX sends about one of its calls, in its own wire format
 * (like a real provider's webhook body). Field names are the sandbox's, not Callbridge's.
 *
 * @param event {@code call.started}, {@code call.ringing}, {@code call.answered},
 * {@code call.transferred}, {@code call.ended}
 * @param callId the sandbox's call id
 * @param at when it happened
 * @param fields the other fields of the notification
 */
public record SandboxNotification(String event, String callId, Instant at, Map<String, String> fields) {

	public @Nullable String field(String name) {
		return this.fields.get(name);
	}

	/** The notification as the JSON body a webhook would carry. */
	public String toJson() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("event", this.event);
		body.put("call_id", this.callId);
		body.put("at", this.at.toString());
		body.putAll(this.fields);
		return JsonMapper.shared().writeValueAsString(body);
	}

}
