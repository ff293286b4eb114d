package io.callbridge.campaigns.sites;

import java.util.List;
import java.util.Map;

import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.DatabaseEntry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Contact data for CRM parameters from the contacts module's databases: a database's
 * columns, and a contact's values there ({@link ContactDatabases#entryOf}).
 */
@Component
class DatabaseContactFields implements ContactFields {

	private final ContactDatabases databases;

	DatabaseContactFields(ContactDatabases databases) {
		this.databases = databases;
	}

	@Override
	public List<String> columns(long tenantId, @Nullable Long databaseId) {
		return (databaseId != null)
				? this.databases.find(tenantId, databaseId).map(ContactDatabase::columns).orElse(List.of()) : List.of();
	}

	@Override
	public Map<String, String> values(long tenantId, @Nullable Long contactId) {
		return (contactId != null)
				? this.databases.entryOf(tenantId, contactId).map(DatabaseEntry::values).orElse(Map.of()) : Map.of();
	}

}
