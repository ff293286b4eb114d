package io.callbridge.contacts;

import java.util.List;

/**
 * A batch of contacts was created or changed by a CSV import. Published inside the
 * import's transaction instead of one {@link ContactCreated} or {@link ContactChanged}
 * per contact, so a million rows cost a thousand events; listeners that keep something
 * per contact (change feed, webhook outbox) do it for every id here, and roll back with
 * the import.
 *
 * @param tenantId tenant
 * @param created the contacts created, in file order
 * @param updated the existing contacts changed by their external id, in file order
 */
public record ContactsImported(long tenantId, List<Long> created, List<Long> updated) {

	public ContactsImported {
		created = List.copyOf(created);
		updated = List.copyOf(updated);
	}

}
