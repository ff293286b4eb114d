package io.callbridge.contacts;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an admin submits to create a contact database.
 *
 * @param name the database's name, unique in the tenant
 * @param columns every column, in order
 * @param phoneColumns the columns holding phone numbers (at least one; the first is the
 * main phone)
 * @param externalIdColumn the column holding the external ID (never a phone column);
 * {@code null} or blank for none
 * @param nameColumn the column naming each contact; {@code null} or blank to take the
 * first column called like a name, else the main phone
 */
public record ContactDatabaseCommand(String name, List<String> columns, List<String> phoneColumns,
		@Nullable String externalIdColumn, @Nullable String nameColumn) {

	public ContactDatabaseCommand {
		name = (name != null) ? name : "";
		columns = (columns != null) ? List.copyOf(columns) : List.of();
		phoneColumns = (phoneColumns != null) ? List.copyOf(phoneColumns) : List.of();
	}

}
