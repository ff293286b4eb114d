package io.callbridge.telephony;

/**
 * Where a call event comes from, which says how far its times and result can be trusted
 * when sources disagree about a call.
 */
public enum EventSource {

	/** The provider's live notification (a webhook). */
	PROVIDER,
	/**
	 * A poller's observation of the provider's live calls: provisional, the times are
	 * when a poll saw the change.
	 */
	POLL,
	/**
	 * The provider's own call record (statistics, CDR): final result, talk time, cost.
	 */
	HISTORY,
	/**
	 * Callbridge closed a call the provider never reported ended (no event for longer
	 * than the provider's longest call): provisional.
	 */
	SWEEPER,
	/**
	 * Callbridge's own decision at the start of the call (a blacklisted caller rejected).
	 */
	DECISION;

	/**
	 * Whether events of this source only stand in until the provider reports the call.
	 */
	public boolean provisional() {
		return this == POLL || this == SWEEPER;
	}

}
