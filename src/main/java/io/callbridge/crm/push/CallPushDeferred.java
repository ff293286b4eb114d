package io.callbridge.crm.push;

import org.jspecify.annotations.Nullable;

/**
 * A CRM push whose planning failed inside its call fact's transaction, retried after
 * commit by a durable listener.
 *
 * @param fact which kind of fact it follows
 * @param tenantId tenant
 * @param callId call
 * @param agentId the agent rung, answering or taking over ({@link Fact#LIVE} only)
 * @param fromHistory whether the call is known only from the provider's call records
 */
record CallPushDeferred(Fact fact, long tenantId, long callId, @Nullable Long agentId, boolean fromHistory) {

	/** The kinds of call facts a push follows. */
	enum Fact {

		/** An agent rung, answering or taking over the call. */
		LIVE,

		/** The call ended. */
		ENDED,

		/** The ended call's outcome was corrected. */
		CORRECTED

	}

}
