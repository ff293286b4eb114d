package io.callbridge.telephony;

import org.jspecify.annotations.Nullable;

/**
 * What the core wants the provider to do with a starting call.
 *
 * @param callerName the name to show on the agent's desk phone, if the caller is known
 * @param routeToExtension the extension to send the call to (the caller's responsible
 * agent), if any
 * @param reject whether to reject the call (blacklisted caller)
 */
public record CallStartDecision(@Nullable String callerName, @Nullable String routeToExtension, boolean reject) {

	/** Let the provider's own scenario handle the call. */
	public static CallStartDecision proceed() {
		return new CallStartDecision(null, null, false);
	}

	public boolean isDefault() {
		return this.callerName == null && this.routeToExtension == null && !this.reject;
	}

}
