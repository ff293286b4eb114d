package io.callbridge.campaigns;

import java.util.List;

import io.callbridge.contacts.ContactDatabaseCommand;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.CurrentUser;
import io.callbridge.support.TestData.TestUser;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Test data for campaigns: contact databases (made through the contacts module's
 * {@link ContactDatabases}), contacts put into them, and the current user of a test user.
 */
@Component
public class CampaignFixture {

	private final JdbcClient jdbc;

	private final ContactDatabases databases;

	CampaignFixture(JdbcClient jdbc, ContactDatabases databases) {
		this.jdbc = jdbc;
		this.databases = databases;
	}

	/** A contact database with a phone column and, if named, an external-ID column. */
	public long anyDatabase(long tenantId, String name, @Nullable String externalIdColumn) {
		List<String> columns = (externalIdColumn != null) ? List.of("telefono", externalIdColumn) : List.of("telefono");
		return this.databases
			.create(tenantId, new ContactDatabaseCommand(name, columns, List.of("telefono"), externalIdColumn, null))
			.id();
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
