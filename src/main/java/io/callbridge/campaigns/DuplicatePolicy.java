package io.callbridge.campaigns;

/**
 * Whether a contact added to a campaign's database may repeat a phone number already
 * there (OMniLeads' "control de duplicados").
 */
public enum DuplicatePolicy {

	/** Duplicates are allowed. */
	ALLOW,
	/** A contact with a phone already in the database is refused. */
	AVOID

}
