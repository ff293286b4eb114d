package io.callbridge.calls.application;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.CallTransferred;
import io.callbridge.calls.HistoryCallsEnded;
import io.callbridge.calls.model.CallState;
import io.callbridge.calls.model.CallSummary;
import io.callbridge.calls.model.Participant;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * Turns a change of a call's summary into the facts other modules hear: an agent rung,
 * the call answered, moved to another agent, completed (once; a call known only from the
 * provider's records also in a {@link HistoryCallsEnded}), or its outcome corrected after
 * completion (its place too: direction, number or campaign learnt after the end). A
 * change that none of these describes (a recording reference, a participant added after
 * the end) only raises the version.
 */
final class CallChanges {

	private CallChanges() {
	}

	/**
	 * The events describing a change.
	 * @param tenantId tenant
	 * @param callId call
	 * @param campaignId the call's campaign after the change, if any
	 * @param version the call's version after the change
	 * @param before the summary before, {@code null} for a call's first event
	 * @param after the summary after
	 * @param placeChanged whether the call's direction, number or campaign changed
	 * @param fromHistory whether the call is known only from the provider's call records
	 * @param receivedAt when the event causing the change entered Callbridge
	 * @return the events, in the order they happened
	 */
	static List<Object> between(long tenantId, long callId, @Nullable Long campaignId, long version,
			@Nullable CallSummary before, CallSummary after, boolean placeChanged, boolean fromHistory,
			Instant receivedAt) {
		List<Object> events = new ArrayList<>();
		CallState was = (before != null) ? before.state() : null;
		if (after.state() != CallState.ENDED) {
			rung(before, after)
				.forEach((agentId) -> events.add(new CallRang(tenantId, callId, version, agentId, receivedAt)));
			if (after.state() == CallState.ANSWERED && was != CallState.ANSWERED) {
				events.add(new CallAnswered(tenantId, callId, version, after.ownerAgentId(), campaignId, receivedAt));
			}
			else if (after.state() == CallState.ANSWERED && !sameOwner(before, after)) {
				events.add(new CallTransferred(tenantId, callId, version, after.ownerAgentId(), receivedAt));
			}
		}
		else if (was != CallState.ENDED) {
			events.add(new CallEnded(tenantId, callId, version, result(after), after.ownerAgentId(), fromHistory,
					receivedAt));
			if (fromHistory) {
				events.add(new HistoryCallsEnded(tenantId, List.of(callId)));
			}
		}
		else if (placeChanged || after.outcomeDiffers(Objects.requireNonNull(before))) {
			events.add(new CallResultCorrected(tenantId, callId, version, result(before), result(after),
					after.ownerAgentId(), fromHistory, receivedAt));
		}
		return events;
	}

	// Agents rung now who were not rung before.
	private static List<Long> rung(@Nullable CallSummary before, CallSummary after) {
		Set<String> known = (before != null)
				? before.rung().stream().map(Participant::extension).collect(Collectors.toSet()) : Set.of();
		return after.rung()
			.stream()
			.filter((p) -> p.agentId() != null && !known.contains(p.extension()))
			.map(Participant::agentId)
			.distinct()
			.toList();
	}

	private static boolean sameOwner(@Nullable CallSummary before, CallSummary after) {
		Participant was = (before != null) ? before.owner() : null;
		Participant now = after.owner();
		return Objects.equals((was != null) ? was.extension() : null, (now != null) ? now.extension() : null);
	}

	private static CallResult result(CallSummary summary) {
		return Objects.requireNonNull(summary.result(), "an ended call has a result");
	}

}
