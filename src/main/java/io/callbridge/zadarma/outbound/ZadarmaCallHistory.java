package io.callbridge.zadarma.outbound;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.zadarma.ZadarmaDispositions;
import io.callbridge.zadarma.outbound.ZadarmaApiClient.PbxStatistic;
import org.jspecify.annotations.Nullable;

/**
 * Turns the rows of Zadarma's PBX statistics (one per leg) into one {@link HistoricCall}
 * per {@code pbx_call_id} — the id the webhooks carry, so a reconciled call meets the one
 * built from live events.
 * <p>
 * Per call: the direction comes from the id's {@code in_}/{@code out_} prefix; the start
 * is the earliest leg's; the result is ANSWERED if any leg was answered, otherwise the
 * latest leg's disposition decides (mapped as the webhook maps NOTIFY_END); the extension
 * and talk time are those of the latest answered leg; the recording is the latest
 * recorded leg's {@code call_id}.
 */
final class ZadarmaCallHistory {

	private static final String EXTENSION = "\\d{3}";

	private ZadarmaCallHistory() {
	}

	static List<HistoricCall> calls(List<PbxStatistic> rows) {
		Map<String, List<PbxStatistic>> byCall = rows.stream()
			.sorted(Comparator.comparing(PbxStatistic::callStart))
			.collect(Collectors.groupingBy(PbxStatistic::pbxCallId, LinkedHashMap::new, Collectors.toList()));
		List<HistoricCall> calls = new ArrayList<>();
		byCall.forEach((id, legs) -> calls.add(call(id, legs)));
		return calls;
	}

	private static HistoricCall call(String pbxCallId, List<PbxStatistic> legs) {
		CallDirection direction = pbxCallId.startsWith("out_") ? CallDirection.OUTBOUND : CallDirection.INBOUND;
		PbxStatistic first = legs.get(0);
		PbxStatistic answered = latest(legs, (leg) -> "answered".equalsIgnoreCase(strip(leg.disposition())));
		PbxStatistic decisive = (answered != null) ? answered : legs.get(legs.size() - 1);
		PbxStatistic recorded = latest(legs, (leg) -> leg.recorded() && leg.callId() != null);
		CallResult result = ZadarmaDispositions.result(decisive.disposition(), direction);
		// Zadarma's statistics give no answer time: the core derives it from the talk
		// time.
		return new HistoricCall(pbxCallId, direction, first.callStart(), null, externalNumber(first, direction), null,
				extension(decisive, direction), result, (answered != null) ? answered.seconds() : null,
				(recorded != null) ? recorded.callId() : null, null, null, extras(legs, decisive));
	}

	private static @Nullable String externalNumber(PbxStatistic leg, CallDirection direction) {
		return blankToNull((direction == CallDirection.OUTBOUND) ? leg.destination() : leg.clid());
	}

	private static @Nullable String extension(PbxStatistic leg, CallDirection direction) {
		if (direction == CallDirection.OUTBOUND) {
			return blankToNull(leg.sip());
		}
		String destination = strip(leg.destination());
		return destination.matches(EXTENSION) ? destination : blankToNull(leg.sip());
	}

	private static Map<String, String> extras(List<PbxStatistic> legs, PbxStatistic decisive) {
		Map<String, String> extras = new LinkedHashMap<>();
		extras.put("disposition", strip(decisive.disposition()));
		extras.put("legs", Integer.toString(legs.size()));
		extras.put("callIds",
				legs.stream().map(PbxStatistic::callId).filter(Objects::nonNull).collect(Collectors.joining(",")));
		return extras;
	}

	private static @Nullable PbxStatistic latest(List<PbxStatistic> legs, Predicate<PbxStatistic> which) {
		PbxStatistic found = null;
		for (PbxStatistic leg : legs) {
			if (which.test(leg)) {
				found = leg;
			}
		}
		return found;
	}

	private static String strip(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
