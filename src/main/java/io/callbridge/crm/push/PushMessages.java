package io.callbridge.crm.push;

import java.time.Instant;

import io.callbridge.crm.CrmCallEventType;
import org.jspecify.annotations.Nullable;

/**
 * The outbox messages of CRM pushes: their types, their order key (one call's messages
 * reach a connection in order) and the data each carries. The data names the call, not
 * its values: the push is built from the call when it is sent.
 */
final class PushMessages {

	/** A live call event. */
	static final String EVENT = "crm.call.event";

	/** A finished call for the CRM's history. */
	static final String UPLOAD = "crm.call.upload";

	private PushMessages() {
	}

	/** The order key of a call's messages. */
	static String orderKey(long callId) {
		return "call:" + callId;
	}

	/**
	 * The data of {@link #EVENT}.
	 *
	 * @param connectionId the connection
	 * @param callId the call
	 * @param type what happened
	 * @param agentId the agent rung or calling, when known
	 * @param plannedAt when it was planned (database clock): how long it waited to be
	 * sent
	 */
	record CallEventData(long connectionId, long callId, CrmCallEventType type, @Nullable Long agentId,
			@Nullable Instant plannedAt) {
	}

	/**
	 * The data of {@link #UPLOAD}.
	 *
	 * @param connectionId the connection
	 * @param callId the call
	 * @param reason what made it due
	 */
	record CallUploadData(long connectionId, long callId, UploadReason reason) {
	}

	/** What made an upload due. */
	enum UploadReason {

		/** The call ended. */
		ENDED,
		/** Its outcome was corrected. */
		CORRECTED,
		/** Its recording became available. */
		RECORDING

	}

}
