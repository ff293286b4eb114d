package io.callbridge.audit;

/**
 * How the audited action ended.
 */
public enum AuditOutcome {

	/** Done. */
	SUCCESS,
	/** Refused: not allowed, invalid input, wrong password, throttled. */
	REFUSED,
	/** Failed on the server's side. */
	FAILED

}
