package io.callbridge.calls.web;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CsvCells;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Writes the call history as CSV for a spreadsheet (see {@link CsvCells}): UTF-8 with a
 * byte order mark, times in the tenant's zone, durations as whole seconds, amounts as
 * plain decimals with at least two decimals — with a decimal point when the separator is
 * {@code ,} and a decimal comma when it is {@code ;}, as spreadsheets in those languages
 * expect — and who each call rang, so a missed call shows whom it was offered to.
 */
@Component
class CallCsv {

	static final int MAX_ROWS = 100_000;

	static final List<String> COLUMNS = List.of("id", "started_at", "direction", "external_number", "our_line", "agent",
			"contact", "state", "result", "ring_seconds", "talk_seconds", "total_seconds", "cost", "currency",
			"outcome", "notes", "charge_amount", "charge_currency", "recording", "agents_rung", "campaign_id");

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final Calls calls;

	private final Agents agents;

	private final Contacts contacts;

	private final DispositionService dispositions;

	CallCsv(Calls calls, Agents agents, Contacts contacts, DispositionService dispositions) {
		this.calls = calls;
		this.agents = agents;
		this.contacts = contacts;
		this.dispositions = dispositions;
	}

	void write(long tenantId, ZoneId zone, CallFilter filter, char separator, Writer writer) throws IOException {
		List<Call> rows = this.calls.all(tenantId, filter, MAX_ROWS);
		List<Long> callIds = rows.stream().map(Call::id).toList();
		Map<Long, List<Long>> rang = this.calls.rangAgents(tenantId, callIds);
		Set<Long> agentIds = new HashSet<>();
		rows.stream().map(Call::agentId).filter(Objects::nonNull).forEach(agentIds::add);
		rang.values().forEach(agentIds::addAll);
		Map<Long, Agent> agentsById = this.agents.byIds(tenantId, agentIds);
		Map<Long, String> contactNames = this.contacts.namesOf(tenantId,
				rows.stream().map(Call::contactId).filter(Objects::nonNull).distinct().toList());
		Map<Long, Disposition> byCall = this.dispositions.forCalls(tenantId, callIds);
		boolean decimalComma = separator == ';';
		writer.write(CsvCells.BYTE_ORDER_MARK);
		CSVFormat format = CSVFormat.DEFAULT.builder()
			.setDelimiter(separator)
			.setHeader(COLUMNS.toArray(String[]::new))
			.get();
		try (CSVPrinter printer = new CSVPrinter(writer, format)) {
			for (Call call : rows) {
				Disposition disposition = byCall.get(call.id());
				List<Object> cells = Arrays.asList(call.id(), TIME.format(call.startedAt().atZone(zone)),
						call.direction(), call.externalNumber(), call.ourLine(), name(agentsById, call.agentId()),
						(call.contactId() != null) ? contactNames.get(call.contactId()) : null, call.state(),
						call.result(), call.ringSeconds(), call.talkSeconds(), call.totalSeconds(),
						money(call.cost(), decimalComma), call.currency(),
						(disposition != null) ? disposition.outcome() : null,
						(disposition != null) ? disposition.notes() : null,
						(disposition != null) ? money(disposition.chargeAmount(), decimalComma) : null,
						(disposition != null) ? disposition.chargeCurrency() : null, call.recordingRef(),
						rang.getOrDefault(call.id(), List.of())
							.stream()
							.map((id) -> name(agentsById, id))
							.filter(Objects::nonNull)
							.collect(Collectors.joining(", ")),
						call.campaignId());
				printer.printRecord(cells.stream().map(CsvCells::neutralised).toList());
			}
		}
	}

	private static @Nullable String name(Map<Long, Agent> agents, @Nullable Long id) {
		Agent agent = (id != null) ? agents.get(id) : null;
		return (agent != null) ? agent.displayName() : null;
	}

	/**
	 * An amount as a plain decimal with at least two decimals (12.50, 0.0125), never in
	 * scientific notation.
	 */
	static @Nullable String money(@Nullable BigDecimal amount, boolean decimalComma) {
		if (amount == null) {
			return null;
		}
		BigDecimal plain = amount.stripTrailingZeros();
		if (plain.scale() < 2) {
			plain = plain.setScale(2, RoundingMode.UNNECESSARY);
		}
		String text = plain.toPlainString();
		return decimalComma ? text.replace('.', ',') : text;
	}

}
