package io.callbridge.calls.web;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.contacts.Contacts;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import org.springframework.stereotype.Component;

/**
 * Writes the call history as CSV, times in the tenant's zone.
 */
@Component
class CallCsv {

	static final int MAX_ROWS = 100_000;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
		.setHeader("id", "started_at", "direction", "external_number", "our_line", "agent", "contact", "state",
				"result", "ring_seconds", "talk_seconds", "total_seconds", "cost", "currency", "outcome", "notes",
				"charge_amount", "charge_currency", "recording")
		.get();

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

	void write(long tenantId, ZoneId zone, CallFilter filter, Writer writer) throws IOException {
		List<Call> rows = this.calls.all(tenantId, filter, MAX_ROWS);
		Map<Long, Agent> agentsById = this.agents.byIds(tenantId,
				rows.stream().map(Call::agentId).filter(Objects::nonNull).distinct().toList());
		Set<Long> contactIds = new HashSet<>(rows.stream().map(Call::contactId).filter(Objects::nonNull).toList());
		Map<Long, String> contactNames = this.contacts.namesOf(tenantId, contactIds);
		Map<Long, Disposition> byCall = this.dispositions.forCalls(tenantId, rows.stream().map(Call::id).toList());
		try (CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
			for (Call call : rows) {
				Agent agent = (call.agentId() != null) ? agentsById.get(call.agentId()) : null;
				Disposition disposition = byCall.get(call.id());
				printer.printRecord(call.id(), TIME.format(call.startedAt().atZone(zone)), call.direction(),
						call.externalNumber(), call.ourLine(), (agent != null) ? agent.displayName() : null,
						(call.contactId() != null) ? contactNames.get(call.contactId()) : null, call.state(),
						call.result(), call.ringSeconds(), call.talkSeconds(), call.totalSeconds(), call.cost(),
						call.currency(), (disposition != null) ? disposition.outcome() : null,
						(disposition != null) ? disposition.notes() : null,
						(disposition != null) ? disposition.chargeAmount() : null,
						(disposition != null) ? disposition.chargeCurrency() : null, call.recordingRef());
			}
		}
	}

}
