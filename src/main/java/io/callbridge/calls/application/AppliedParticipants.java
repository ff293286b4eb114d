package io.callbridge.calls.application;

import java.util.HashMap;
import java.util.Optional;
import java.util.Set;

import io.callbridge.shared.TransactionScoped;

/**
 * The agents involved in each call this transaction applied a change to (rung, answering,
 * owning or originating it), as the apply left the call: its listeners (the pop-ups of an
 * answer, a transfer, an end) ask for them in the same transaction, and the apply has
 * just read and written all of it, so they are not read again.
 */
public final class AppliedParticipants {

	private static final String KEY = AppliedParticipants.class.getName();

	private AppliedParticipants() {
	}

	static void remember(long callId, Set<Long> participants) {
		TransactionScoped.value(KEY, ByCall.class, ByCall::new)
			.ifPresent((byCall) -> byCall.put(callId, Set.copyOf(participants)));
	}

	/**
	 * The call's participants as this transaction's apply left them; empty when it
	 * applied no change to the call (or outside a transaction).
	 */
	public static Optional<Set<Long>> of(long callId) {
		return TransactionScoped.value(KEY, ByCall.class, ByCall::new).map((byCall) -> byCall.get(callId));
	}

	/** Participants by call. */
	private static final class ByCall extends HashMap<Long, Set<Long>> {

	}

}
