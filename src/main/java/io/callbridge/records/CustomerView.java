package io.callbridge.records;

import java.time.Instant;
import java.util.List;

import io.callbridge.contacts.Contact;
import org.jspecify.annotations.Nullable;

/**
 * A customer as the sync API returns it: the contact, whose id is VCC's Account ID.
 *
 * @param id id (VCC's Account ID)
 * @param name name
 * @param company company
 * @param email e-mail
 * @param notes notes
 * @param responsibleId responsible agent
 * @param externalId id in an external CRM
 * @param phones E.164 numbers, the main one first
 * @param tags tags
 * @param createdAt creation time
 * @param updatedAt last change
 */
record CustomerView(long id, String name, @Nullable String company, @Nullable String email, @Nullable String notes,
		@Nullable Long responsibleId, @Nullable String externalId, List<String> phones, List<String> tags,
		Instant createdAt, Instant updatedAt) {

	static CustomerView of(Contact c) {
		return new CustomerView(c.id(), c.name(), c.company(), c.email(), c.notes(), c.responsibleId(), c.externalId(),
				c.phones(), c.tags(), c.createdAt(), c.updatedAt());
	}

}
