package io.callbridge.campaigns;

import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What campaigns need to know of contact databases: which there are, whether one has an
 * external-ID column, whether a contact is in one.
 * <p>
 * TEMPORARY: replace with ContactDatabases once chunk A lands (its
 * {@code list/find/isInDatabase/contactByExternalId} answer all of this). Until then it
 * reads the contacts module's tables itself, the one place where campaigns does so
 * (declared in ModuleTablesTests.TEMPORARY_CROSSINGS), so that the switch is a change of
 * this class alone.
 */
@Component
public class ContactDatabaseLookup {

	private final JdbcClient jdbc;

	ContactDatabaseLookup(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		return this.jdbc
			.sql("SELECT id, name, external_id_column FROM contact_databases WHERE tenant_id = ? ORDER BY name")
			.param(tenantId)
			.query((rs, n) -> new DatabaseRef(rs.getLong("id"), rs.getString("name"),
					rs.getString("external_id_column")))
			.list();
	}

	public Optional<DatabaseRef> find(long tenantId, long databaseId) {
		return list(tenantId).stream().filter((db) -> db.id() == databaseId).findFirst();
	}

	/** Whether the contact belongs to the database. */
	public boolean isInDatabase(long contactId, long databaseId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM contacts WHERE id = ? AND database_id = ?")
			.params(contactId, databaseId)
			.query(Long.class)
			.single() > 0;
	}

	/** The contact of the database with this external ID. */
	public Optional<Long> contactByExternalId(long tenantId, long databaseId, String externalId) {
		return this.jdbc
			.sql("SELECT id FROM contacts WHERE tenant_id = ? AND database_id = ? AND database_external_id = ?")
			.params(tenantId, databaseId, externalId)
			.query(Long.class)
			.optional();
	}

}
