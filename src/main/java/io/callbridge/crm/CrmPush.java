package io.callbridge.crm;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * One thing the core sends a CRM about a call, built when it is sent (so an upload
 * carries the call as it is then, with its recording when there is one).
 */
public sealed interface CrmPush {

	/** The Callbridge call it is about. */
	long callId();

	/**
	 * A live call event: the CRM's pop-up and its end.
	 *
	 * @param callId the call
	 * @param type what happened
	 * @param phone the customer's number (E.164 when valid, else as the provider sent it)
	 * @param managers whom the event is for (the rung agent, the caller of an outgoing
	 * call); may be empty
	 * @param ourLine our number involved (the CRM's external phone), when known
	 * @param callExternalId the call's id for the CRM, the same in the upload
	 * @param result how it ended ({@link CrmCallEventType#HANGUP} only)
	 */
	record CallEvent(long callId, CrmCallEventType type, String phone, List<CrmManager> managers,
			@Nullable String ourLine, String callExternalId, @Nullable CallResult result) implements CrmPush {

		public CallEvent {
			managers = List.copyOf(managers);
		}

	}

	/**
	 * A finished call for the CRM's call history.
	 *
	 * @param callId the call
	 * @param externalId the call's id for the CRM (duplicates are recognised by it)
	 * @param direction inbound or outbound
	 * @param startedAt when it started
	 * @param zone the time zone the CRM expects local times in
	 * @param phone the customer's number (E.164 when valid, else as the provider sent it)
	 * @param manager who handled it, when known
	 * @param result how it ended
	 * @param talkSeconds talk time
	 * @param waitSeconds time before it was answered (or until it ended unanswered)
	 * @param recordUrl a link the CRM can play the recording from (signed, served by
	 * Callbridge), when there is a recording
	 * @param ourLine our number involved, when known
	 */
	record CallUpload(long callId, String externalId, CallDirection direction, Instant startedAt, ZoneId zone,
			String phone, @Nullable CrmManager manager, CallResult result, int talkSeconds, int waitSeconds,
			@Nullable String recordUrl, @Nullable String ourLine) implements CrmPush {
	}

}
