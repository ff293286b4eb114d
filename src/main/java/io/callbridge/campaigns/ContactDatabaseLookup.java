package io.callbridge.campaigns;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.callbridge.contacts.ContactDatabases;

import org.springframework.stereotype.Component;

/**
 * What campaigns need to know of contact databases, read through the contacts module's
 * {@link ContactDatabases}: which there are, whether one has an external-ID column,
 * whether a contact is in one.
 */
@Component
public class ContactDatabaseLookup {

	private final ContactDatabases databases;

	ContactDatabaseLookup(ContactDatabases databases) {
		this.databases = databases;
	}

	/**
	 * A contact database as campaigns see it.
	 *
	 * @param id id
	 * @param name name
	 * @param externalIdColumn the column holding contacts' external IDs, if it has one
	 */
	public record DatabaseRef(long id, String name, @Nullable String externalIdColumn) {

		public boolean hasExternalId() {
			return this.externalIdColumn != null;
		}

	}

	/** The tenant's contact databases, by name. */
	public List<DatabaseRef> list(long tenantId) {
		return this.databases.list(tenantId)
			.stream()
			.map((db) -> new DatabaseRef(db.id(), db.name(), db.externalIdColumn()))
			.sorted(java.util.Comparator.comparing(DatabaseRef::name))
			.toList();
	}

	public Optional<DatabaseRef> find(long tenantId, long databaseId) {
		return this.databases.find(tenantId, databaseId)
			.map((db) -> new DatabaseRef(db.id(), db.name(), db.externalIdColumn()));
	}

	/** Whether the contact belongs to the database. */
	public boolean isInDatabase(long contactId, long databaseId) {
		return this.databases.isInDatabase(contactId, databaseId);
	}

	/** The contact of the database with this external ID. */
	public Optional<Long> contactByExternalId(long tenantId, long databaseId, String externalId) {
		return this.databases.contactByExternalId(tenantId, databaseId, externalId);
	}

}
