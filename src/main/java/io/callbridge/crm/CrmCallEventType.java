package io.callbridge.crm;

/** The live call events a CRM is told about. */
public enum CrmCallEventType {

	/** An inbound call rings at the managers named (the CRM's pop-up). */
	INCOMING,
	/** A manager's outgoing call started. */
	OUTGOING,
	/** The call ended; its result is given. */
	HANGUP

}
