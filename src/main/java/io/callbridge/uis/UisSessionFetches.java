package io.callbridge.uis;

/**
 * Where the inbound side asks for a finished call's details from the Data API (its
 * session from {@code get.calls_report} and its legs from {@code get.call_legs_report}):
 * durable, retried until the Data API has the session, then applied to the call as
 * history events. Implemented by the outbound side.
 */
public interface UisSessionFetches {

	/**
	 * Schedules the fetch of one call session's details; asking twice for the same
	 * session schedules it once.
	 * @param accountId the telephony account
	 * @param callSessionId UIS's {@code call_session_id}
	 */
	void fetchAfterEnd(long accountId, String callSessionId);

}
