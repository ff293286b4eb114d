package io.callbridge.uis.outbound;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.Text;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.uis.outbound.UisApiClient.Page;
import io.callbridge.uis.outbound.UisApiException.Kind;
import io.callbridge.uis.outbound.UisReportWindows.Window;
import tools.jackson.databind.JsonNode;

/**
 * Every call of a period from {@code get.calls_report}: in windows of at most 3 months,
 * each read page by page ({@code limit}/{@code offset}); a window with more rows than
 * UIS's largest offset lets through is split in halves first, so no call is cut off. A
 * session listed twice (a page shifted by a new call) is kept once.
 */
final class UisCallsReport {

	private final UisApiClient api;

	UisCallsReport(UisApiClient api) {
		this.api = api;
	}

	/** The calls that started in {@code [from, to)}. */
	List<HistoricCall> calls(UisAccess access, Instant from, Instant to) {
		Map<String, HistoricCall> calls = new LinkedHashMap<>();
		for (Window window : UisReportWindows.split(from, to, access.zone())) {
			for (JsonNode row : rows(access, window)) {
				HistoricCall call = UisCallHistory.call(row, List.of(), access.zone());
				if (call != null && !call.startedAt().isBefore(from) && call.startedAt().isBefore(to)) {
					calls.putIfAbsent(call.providerCallId(), call);
				}
			}
		}
		return List.copyOf(calls.values());
	}

	private List<JsonNode> rows(UisAccess access, Window window) {
		Page first = this.api.callsReport(access, window.from(), window.till(), null, 0);
		if (first.totalItems() > UisApiClient.MAX_OFFSET + UisApiClient.PAGE) {
			if (window.shortest()) {
				throw UisApiException.of(Kind.UNREACHABLE,
						Text.of("uis.tooManyCalls", window.from().toString(), first.totalItems()));
			}
			List<JsonNode> rows = new ArrayList<>();
			window.halves().forEach((half) -> rows.addAll(rows(access, half)));
			return rows;
		}
		List<JsonNode> rows = new ArrayList<>(first.rows());
		int offset = first.rows().size();
		while (offset < first.totalItems() && offset <= UisApiClient.MAX_OFFSET) {
			Page page = this.api.callsReport(access, window.from(), window.till(), null, offset);
			if (page.rows().isEmpty()) {
				break;
			}
			rows.addAll(page.rows());
			offset += page.rows().size();
		}
		return rows;
	}

}
