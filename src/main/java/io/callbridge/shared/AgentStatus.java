package io.callbridge.shared;

/**
 * Whether an agent takes calls now, as the agent (or a CRM on their behalf) sets it in
 * Callbridge. Providers that keep an availability of their own (UIS employees) follow it.
 */
public enum AgentStatus {

	/** Ready for calls. */
	AVAILABLE,
	/** At work but not to be rung (do not disturb, in a meeting). */
	BUSY,
	/** On a break (lunch, rest). */
	BREAK,
	/** Not at work. */
	OFFLINE

}
