package io.callbridge.telephony;

/**
 * Inbound port for providers that ask, synchronously, what to do with a call that starts
 * (Zadarma's NOTIFY_START reply, UIS interactive processing, the sandbox). Implemented by
 * the core.
 */
public interface CallStartDecider {

	/**
	 * Decides about a starting call. Implementations answer quickly; adapters bound the
	 * wait with {@link DeadlineCallStartDecider} and fall back to
	 * {@link CallStartDecision#proceed()}.
	 * @param query the starting call
	 * @return the decision
	 */
	CallStartDecision decide(CallStartQuery query);

	/**
	 * Hears which decision the provider was given (a late decision is replaced by
	 * "proceed"), so the core can record what it did to the call, e.g. a rejection.
	 * @param query the starting call
	 * @param decision the decision sent to the provider
	 */
	default void applied(CallStartQuery query, CallStartDecision decision) {
	}

}
