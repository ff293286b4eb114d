package io.callbridge.calls.application;

import java.time.Instant;
import java.util.List;

import io.callbridge.calls.application.HistoricCallWriter.NewCall;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.shared.CopyText;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.telephony.TelephonyAccount;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The history writer's inserts on PostgreSQL: a page's calls and their events with one
 * {@code COPY … FROM STDIN} each, the calls' ids taken from their identity sequence first
 * (as the column's default would), in the page's order. {@code COPY} skips the parsing,
 * binding and executing of a statement per row that a JDBC batch still pays (36 and 29 ms
 * for the 500 calls and 1,000 events of a page). The rows are those of the batched
 * inserts on H2, column for column; a call stored meanwhile by a live event or another
 * node fails the page with the same {@code DuplicateKeyException}.
 */
final class HistoryCopies {

	private static final String COPY_CALLS = """
			COPY calls (id, tenant_id, account_id, provider_call_id, direction, external_number, external_number_raw,
			  our_line, state, result, started_at, answered_at, ended_at, ring_seconds, talk_seconds, total_seconds,
			  agent_id, contact_id, campaign_id, recording_ref, cost, currency, end_source, version, updated_at,
			  last_event_at) FROM STDIN""";

	private static final String COPY_EVENTS = """
			COPY call_events (call_id, tenant_id, type, occurred_at, received_at, extension, agent_id, transfer_from,
			  result, talk_seconds, recording_ref, cost, currency, dedupe_key, raw_payload, source) FROM STDIN""";

	private HistoryCopies() {
	}

	/**
	 * Copies the calls.
	 * @return their ids, in the order of the calls
	 */
	static List<Long> calls(JdbcTemplate jdbc, TelephonyAccount account, List<NewCall> calls) {
		List<Long> ids = CopyText.reserveIds(jdbc, "calls", calls.size());
		// The time of the last event, as the inserts' CURRENT_TIMESTAMP: the database's
		// clock, which the sweeper compares it with.
		Instant databaseNow = CopyText.transactionTime(jdbc);
		Instant now = Instant.now();
		CopyText copy = new CopyText();
		for (int i = 0; i < calls.size(); i++) {
			NewCall call = calls.get(i);
			ProviderCallEvent first = call.first();
			CallSummary summary = call.summary();
			String raw = HistoricCallWriter.externalNumber(call.events());
			copy.add(ids.get(i))
				.add(account.tenantId())
				.add(account.id())
				.add(first.providerCallId())
				.add(HistoricCallWriter.direction(first).name())
				.add((raw != null) ? call.e164() : null)
				.add(raw)
				.add(HistoricCallWriter.ourLine(call.events()))
				.add(summary.state().name())
				.add(HistoricCallWriter.name(summary.result()))
				.add(summary.startedAt())
				.addTime(summary.answeredAt())
				.addTime(summary.endedAt())
				.add(summary.ringSeconds())
				.add(summary.talkSeconds())
				.add(summary.totalSeconds())
				.add(summary.ownerAgentId())
				.add(call.contactId())
				.add(call.campaignId())
				.add(summary.recordingRef())
				.add(summary.cost())
				.add(summary.currency())
				.add(HistoricCallWriter.name(summary.endSource()))
				.add(1L)
				.add(now)
				.add(databaseNow)
				.endRow();
		}
		copy.copyInto(jdbc, COPY_CALLS, calls.size());
		return ids;
	}

	/** Copies the calls' events. */
	static void events(JdbcTemplate jdbc, TelephonyAccount account, List<NewCall> calls, List<Long> ids,
			Instant receivedAt) {
		CopyText copy = new CopyText();
		int rows = 0;
		for (int i = 0; i < calls.size(); i++) {
			NewCall call = calls.get(i);
			for (int e = 0; e < call.events().size(); e++) {
				ProviderCallEvent event = call.events().get(e);
				copy.add(ids.get(i))
					.add(account.tenantId())
					.add(event.type().name())
					.add(event.occurredAt())
					.add(receivedAt)
					.add(event.extension())
					.add(call.agentIds().get(e))
					.add(event.transferFrom())
					.add(HistoricCallWriter.name(event.result()))
					.add(event.talkSeconds())
					.add(event.recordingRef())
					.add(event.cost())
					.add(event.currency())
					.add(StorableEvent.key(event.effectiveDedupeKey(), StorableEvent.DEDUPE_KEY))
					.add(event.rawPayload())
					.add(event.source().name())
					.endRow();
				rows++;
			}
		}
		copy.copyInto(jdbc, COPY_EVENTS, rows);
	}

}
