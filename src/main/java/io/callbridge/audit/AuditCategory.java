package io.callbridge.audit;

/**
 * What an audit event is about.
 */
public enum AuditCategory {

	/** A failed or refused login. */
	LOGIN,
	/** Users, their roles, extensions and the default responsible agent. */
	USER,
	/** API tokens. */
	TOKEN,
	/** Telephony accounts. */
	ACCOUNT,
	/** The blacklist of numbers. */
	BLACKLIST,
	/** Tenant settings and tenants. */
	TENANT,
	/** Disposition outcomes. */
	OUTCOME,
	/** Webhook endpoints and CRM triggers (including one disabled after failing). */
	WEBHOOK,
	/** CRM connections and their managers' mapping. */
	CRM

}
