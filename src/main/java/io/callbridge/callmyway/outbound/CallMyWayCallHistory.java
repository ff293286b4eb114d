package io.callbridge.callmyway.outbound;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callbridge.shared.Text;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApi;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayCdr;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the CDRs of a period page by page and maps each to a {@link HistoricCall}. Pages
 * are asked with {@code ini} = the rows read so far and {@code cant} = {@link #PAGE_SIZE}
 * until CallMyWay returns an empty page: a page shorter than asked does not mean the end,
 * since CallMyWay (or a deployment of it) may cap its pages below {@code cant}.
 * Direction: a call whose {@code ani} (or {@code ani_user}) is one of the account's EPs
 * is outbound, one whose both sides are EPs internal, any other inbound. Result:
 * connected (connect time not the 1970 marker) is answered, anything else missed.
 */
final class CallMyWayCallHistory {

	static final int PAGE_SIZE = 500;

	// 1,000 pages (at least 1,000 calls, up to 500,000) in one reconciliation window is
	// far beyond any account; stop rather than page forever.
	private static final int MAX_PAGES = 1000;

	private static final Logger log = LoggerFactory.getLogger(CallMyWayCallHistory.class);

	private CallMyWayCallHistory() {
	}

	static List<HistoricCall> calls(CallMyWayApi api, CallMyWayAccess access, Collection<String> accountEps,
			Instant from, Instant to) {
		Set<String> eps = new HashSet<>(accountEps);
		LocalDateTime start = LocalDateTime.ofInstant(from, access.zone());
		LocalDateTime end = LocalDateTime.ofInstant(to, access.zone());
		Map<String, HistoricCall> calls = new LinkedHashMap<>();
		Set<String> seen = new HashSet<>();
		int read = 0;
		for (int page = 0; page < MAX_PAGES; page++) {
			List<CallMyWayCdr> cdrs = api.cdrs(access, start, end, read, PAGE_SIZE);
			int fresh = 0;
			for (CallMyWayCdr cdr : cdrs) {
				fresh += seen.add(cdr.callId()) ? 1 : 0;
				HistoricCall call = call(cdr, eps, access);
				if (call != null && !call.startedAt().isBefore(from) && call.startedAt().isBefore(to)) {
					calls.putIfAbsent(call.providerCallId(), call);
				}
			}
			if (cdrs.isEmpty()) {
				return List.copyOf(calls.values());
			}
			if (fresh == 0) {
				// The same rows again: CallMyWay ignores ini, so paging further would
				// loop.
				log.warn("CallMyWay returned the same CDRs for ini={} as before; stopping after {} calls", read,
						seen.size());
				return List.copyOf(calls.values());
			}
			read += cdrs.size();
		}
		throw new CallMyWayApiException(CallMyWayApiException.Kind.MALFORMED,
				Text.of("callmyway.tooManyPages", String.valueOf(start), String.valueOf(end), MAX_PAGES, read));
	}

	static @Nullable HistoricCall call(CallMyWayCdr cdr, Collection<String> eps, CallMyWayAccess access) {
		Instant startedAt = cdr.detectedAt(access.zone());
		if (startedAt == null) {
			log.warn("Skipping CallMyWay CDR {}: its detect_time '{}' is not yyyy-MM-dd HH:mm:ss", cdr.callId(),
					cdr.detectTime());
			return null;
		}
		boolean fromUs = isOurs(cdr.ani(), eps) || isOurs(cdr.aniUser(), eps);
		boolean toUs = isOurs(cdr.dnis(), eps) || isOurs(cdr.dnisUser(), eps);
		CallDirection direction = !fromUs ? CallDirection.INBOUND
				: toUs ? CallDirection.INTERNAL : CallDirection.OUTBOUND;
		String extension = fromUs ? ep(cdr.ani(), cdr.aniUser(), eps) : ep(cdr.dnis(), cdr.dnisUser(), eps);
		String external = blankless(fromUs ? cdr.dnis() : cdr.ani());
		return new HistoricCall(cdr.callId(), direction, startedAt, cdr.connectedAt(access.zone()), external, null,
				extension, cdr.connected() ? CallResult.ANSWERED : CallResult.MISSED, cdr.duration(), null, cdr.cost(),
				null, extras(cdr));
	}

	static Map<String, String> extras(CallMyWayCdr cdr) {
		Map<String, String> extras = new LinkedHashMap<>();
		if (cdr.accessFee() != null) {
			extras.put("access_fee", cdr.accessFee().toPlainString());
		}
		if (cdr.rate() != null) {
			extras.put("rate", cdr.rate().toPlainString());
		}
		putIfPresent(extras, "route_pattern", cdr.routePattern());
		putIfPresent(extras, "route_name", cdr.routeName());
		putIfPresent(extras, "access_endpoint_id", cdr.accessEndpointId());
		putIfPresent(extras, "dst_endpoint_id", cdr.dstEndpointId());
		return extras;
	}

	private static boolean isOurs(@Nullable String number, Collection<String> eps) {
		return number != null && !number.isBlank() && eps.contains(number.strip());
	}

	/** The side's EP: whichever of number and user is one of ours, else what is known. */
	private static @Nullable String ep(@Nullable String number, @Nullable String user, Collection<String> eps) {
		if (isOurs(number, eps)) {
			return number.strip();
		}
		if (isOurs(user, eps)) {
			return user.strip();
		}
		String known = blankless(user);
		return (known != null) ? known : blankless(number);
	}

	private static void putIfPresent(Map<String, String> extras, String key, @Nullable String value) {
		if (value != null && !value.isBlank()) {
			extras.put(key, value.strip());
		}
	}

	private static @Nullable String blankless(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
