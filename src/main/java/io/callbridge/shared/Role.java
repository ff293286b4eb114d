package io.callbridge.shared;

/**
 * What a user may do inside their tenant. Each role includes the rights of the roles
 * below it.
 */
public enum Role {

	/** Handles calls, contacts, tasks and dispositions of their own calls. */
	AGENT,
	/** Sees and corrects the work of all agents; reads the configuration. */
	SUPERVISOR,
	/** Manages users, telephony accounts, API tokens and settings. */
	ADMIN;

	public boolean includes(Role other) {
		return this.ordinal() >= other.ordinal();
	}

}
