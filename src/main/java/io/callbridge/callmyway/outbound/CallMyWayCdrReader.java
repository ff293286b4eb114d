package io.callbridge.callmyway.outbound;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.callbridge.shared.Text;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayApiException.Kind;
import io.callbridge.callmyway.CallMyWayCdr;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads the {@code cdrs} and {@code endpoints} of CallMyWay's answers leniently: values
 * may be strings or numbers ({@code "cost":0} or {@code "cost":"0.12"}), a list may come
 * as a JSON array or, as PHP encodes some arrays, as an object. What cannot be read (no
 * {@code cdrs}, no call id, a duration that is not a number) is {@link Kind#MALFORMED}.
 */
final class CallMyWayCdrReader {

	private CallMyWayCdrReader() {
	}

	static List<CallMyWayCdr> cdrs(JsonNode envelope, String path) {
		JsonNode cdrs = envelope.path("cdrs");
		if (cdrs.isMissingNode()) {
			throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.noCdrs", path));
		}
		List<CallMyWayCdr> result = new ArrayList<>();
		for (JsonNode row : elements(cdrs, path, "cdrs")) {
			result.add(cdr(row, path));
		}
		return result;
	}

	/** Endpoint ID → EP, sorted by ID. */
	static Map<String, String> endpoints(JsonNode envelope, String path) {
		JsonNode endpoints = envelope.path("endpoints");
		if (endpoints.isMissingNode()) {
			throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.noEndpoints", path));
		}
		Map<String, String> result = new TreeMap<>();
		if (endpoints.isObject()) {
			for (Map.Entry<String, JsonNode> entry : endpoints.properties()) {
				String ep = text(entry.getValue());
				if (ep == null || ep.isBlank()) {
					throw new CallMyWayApiException(Kind.MALFORMED,
							Text.of("callmyway.endpointWithoutEp", entry.getKey()));
				}
				result.put(entry.getKey(), ep.strip());
			}
		}
		else if (!(endpoints.isNull() || (endpoints.isArray() && endpoints.isEmpty()))) {
			// PHP encodes an empty map as []; anything else is not the documented shape
			throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.endpointsNotMap", path));
		}
		return result;
	}

	private static Collection<JsonNode> elements(JsonNode list, String path, String name) {
		if (list.isNull()) {
			return List.of();
		}
		if (list.isArray() || list.isObject()) {
			return list.values();
		}
		throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.notList", name, path));
	}

	private static CallMyWayCdr cdr(JsonNode row, String path) {
		if (!row.isObject()) {
			throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.cdrNotObject", path));
		}
		String callId = text(row.path("callid"));
		if (callId == null || callId.isBlank()) {
			throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.cdrWithoutCallId", path));
		}
		return new CallMyWayCdr(callId.strip(), text(row.path("ani")), text(row.path("dnis")),
				text(row.path("detect_time")), text(row.path("connect_time")), duration(row, callId),
				text(row.path("ani_user")), text(row.path("dnis_user")), number(row, "cost", callId),
				number(row, "access_fee", callId), number(row, "rate", callId), blankless(row, "route_pattern"),
				blankless(row, "route_name"), blankless(row, "access_endpoint_id"), blankless(row, "dst_endpoint_id"));
	}

	// Live calls always say "0"; a CDR without a duration has no known talk time either.
	private static int duration(JsonNode row, String callId) {
		BigDecimal seconds = number(row, "duration", callId);
		if (seconds == null) {
			return 0;
		}
		if (seconds.signum() < 0 || seconds.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
			throw new CallMyWayApiException(Kind.MALFORMED,
					Text.of("callmyway.impossibleDuration", callId, seconds.toPlainString()));
		}
		return seconds.intValue();
	}

	private static @Nullable BigDecimal number(JsonNode row, String field, String callId) {
		String value = text(row.path(field));
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new CallMyWayApiException(Kind.MALFORMED, Text.of("callmyway.notNumber", callId, field, value));
		}
	}

	private static @Nullable String blankless(JsonNode row, String field) {
		String value = text(row.path(field));
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** The value as text (numbers in full, never in exponent form), or null if absent. */
	static @Nullable String text(JsonNode node) {
		if (node.isMissingNode() || node.isNull()) {
			return null;
		}
		if (node.isNumber()) {
			return node.decimalValue().toPlainString();
		}
		return node.isValueNode() ? node.asString() : null;
	}

}
