package io.callbridge.calls.application;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The raw payload a historic call's events carry: the JSON of its fields and the
 * provider's extras, as a map of them gave it before it was written field by field.
 */
class HistoricCallPayloadTest {

	private static final TelephonyAccount ACCOUNT = new TelephonyAccount(7, 1, "callmyway", "CallMyWay", true, "token",
			Map.of(), false);

	@Test
	void everyFieldAndExtraIsWrittenAsTheMapOfThemWas() {
		HistoricCall call = new HistoricCall("880000001", CallDirection.OUTBOUND, Instant.parse("2026-12-01T10:15:30Z"),
				Instant.parse("2026-12-01T10:15:42.250Z"), "+34600000001", "+34910000000", "201", CallResult.ANSWERED,
				75, "rec-1", new BigDecimal("0.18750"), "EUR",
				Map.of("rate", "0.150", "route_name", "SPAIN \"MOBILE\"\t\\ ñ", "access_fee", "0"));

		assertThat(payloads(call)).containsOnly(asMap(call));
	}

	@Test
	void absentFieldsAreNulls() {
		HistoricCall call = new HistoricCall("c-2", CallDirection.INBOUND, Instant.parse("2026-12-01T10:15:30Z"), null,
				null, null, null, CallResult.MISSED, null, null, null, null, Map.of());

		assertThat(payloads(call)).containsOnly(asMap(call));
		assertThat(payloads(call).get(0)).contains("\"answeredAt\":null", "\"talkSeconds\":null", "\"cost\":null");
	}

	@Test
	void anExtraNamedAsAFieldDoesNotRepeatTheName() {
		HistoricCall call = new HistoricCall("c-3", CallDirection.INBOUND, Instant.parse("2026-12-01T10:15:30Z"), null,
				"+34600000001", null, "201", CallResult.MISSED, 0, null, new BigDecimal("1.5"), "EUR",
				Map.of("cost", "9.99", "disposition", "busy"));

		Map<?, ?> read = JsonMapper.shared().readValue(payloads(call).get(0), Map.class);

		assertThat(read.get("cost")).isEqualTo(1.5);
		assertThat(read.get("disposition")).isEqualTo("busy");
		assertThat(payloads(call).get(0).split("\"cost\"", -1)).hasSize(2);
	}

	private static List<String> payloads(HistoricCall call) {
		return HistoricCallImport.events(ACCOUNT, call, null, "EUR")
			.stream()
			.map(ProviderCallEvent::rawPayload)
			.toList();
	}

	// What the payload was before: a map of the fields, then the extras, as JSON.
	private static String asMap(HistoricCall call) {
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
