package io.callbridge.campaigns.sites;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What CRM parameters read of contact databases: a database's columns and a contact's
 * values there.
 */
interface ContactFields {

	/** The columns of the database, in order; empty when none. */
	List<String> columns(long tenantId, @Nullable Long databaseId);

	/** The contact's values by column; empty when none. */
	Map<String, String> values(long tenantId, @Nullable Long contactId);

}
