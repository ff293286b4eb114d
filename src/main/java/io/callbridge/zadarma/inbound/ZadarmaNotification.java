package io.callbridge.zadarma.inbound;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * One NOTIFY_* webhook as Zadarma posts it: form fields, all strings.
 *
 * @param fields the posted fields
 */
record ZadarmaNotification(Map<String, String> fields) {

	String event() {
		return Objects.toString(this.fields.get("event"), "");
	}

	@Nullable String get(String name) {
		String value = this.fields.get(name);
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * A field for a signature: absent fields count as empty strings, as in Zadarma's PHP.
	 */
	String raw(String name) {
		return Objects.toString(this.fields.get(name), "");
	}

	/**
	 * The string Zadarma signs for this event (documented per event type), or null for
	 * unknown events.
	 */
	@Nullable String signedString() {
		return switch (event()) {
			case "NOTIFY_START", "NOTIFY_INTERNAL", "NOTIFY_END", "NOTIFY_IVR" ->
				raw("caller_id") + raw("called_did") + raw("call_start");
			case "NOTIFY_ANSWER" -> raw("caller_id") + raw("destination") + raw("call_start");
			case "NOTIFY_OUT_START", "NOTIFY_OUT_END" -> raw("internal") + raw("destination") + raw("call_start");
			case "NOTIFY_RECORD" -> raw("pbx_call_id") + raw("call_id_with_rec");
			default -> null;
		};
	}

	String toJson() {
		return JsonMapper.shared().writeValueAsString(new LinkedHashMap<>(this.fields));
	}

}
