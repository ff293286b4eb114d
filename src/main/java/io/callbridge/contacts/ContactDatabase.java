package io.callbridge.contacts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A contact database (OMniLeads' "base de contactos"): contacts uploaded together with
 * the columns of their file. Some columns hold phone numbers (the first is the main
 * phone), one may be the external ID the contacts are known by in another system (unique
 * within this database), one may name the contact; the others are extra data kept with
 * each contact.
 *
 * @param id id
 * @param tenantId owning tenant
 * @param name name, unique in the tenant
 * @param columns every column, in file order
 * @param phoneColumns the columns holding phone numbers; the first is the main phone
 * @param externalIdColumn the column holding the external ID; {@code null} for none
 * @param nameColumn the column naming the contact; {@code null} to take the first column
 * called like a name, else the main phone
 * @param createdAt creation time
 */
public record ContactDatabase(long id, long tenantId, String name, List<String> columns, List<String> phoneColumns,
		@Nullable String externalIdColumn, @Nullable String nameColumn, Instant createdAt) {

	public ContactDatabase {
		columns = List.copyOf(columns);
		phoneColumns = List.copyOf(phoneColumns);
	}

	/** The column of the main phone, which every contact of the database has. */
	public String mainPhone() {
		return this.phoneColumns.get(0);
	}

	/** The extra columns: neither a phone nor the external ID, in file order. */
	public List<String> dataColumns() {
		return this.columns.stream()
			.filter((column) -> !this.phoneColumns.contains(column) && !column.equals(this.externalIdColumn))
			.toList();
	}

}
