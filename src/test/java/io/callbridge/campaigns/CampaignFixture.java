package io.callbridge.campaigns;

import io.callbridge.shared.CurrentUser;
import io.callbridge.support.TestData.TestUser;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Component;

/**
 * Test data for campaigns: contact databases (written directly until the contacts
 * module's ContactDatabases API is merged — then made through it), and the current user
 * of a test user.
 */
@Component
public class CampaignFixture {

	private final JdbcClient jdbc;

	CampaignFixture(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A contact database with a phone column and, if named, an external-ID column. */
	public long anyDatabase(long tenantId, String name, @Nullable String externalIdColumn) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO contact_databases (tenant_id, name, columns, phone_columns, external_id_column, created_at)
				VALUES (?, ?, ?, '["telefono"]', ?, CURRENT_TIMESTAMP)""")
			.params(tenantId, name,
					(externalIdColumn != null) ? "[\"telefono\",\"" + externalIdColumn + "\"]" : "[\"telefono\"]",
					externalIdColumn)
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	/** Puts a contact into a database with an external ID. */
	public void putInDatabase(long contactId, long databaseId, @Nullable String externalId) {
		this.jdbc.sql("UPDATE contacts SET database_id = ?, database_external_id = ? WHERE id = ?")
			.params(databaseId, externalId, contactId)
			.update();
	}

	public static CurrentUser userOf(TestUser user) {
		return new CurrentUser(user.id(), user.tenantId(), user.username(), user.agent().displayName(),
				user.agent().role());
	}

}
