package io.callbridge.contacts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * How a contact import inserts new rows into {@code contacts}, {@code contact_phones} and
 * {@code contact_tags}, a batch at a time, in the import's transaction: the one place
 * where the database in use matters. PostgreSQL streams each batch with {@code COPY}
 * ({@link PostgresContactInserts}); any other database gets multi-row {@code INSERT}s
 * ({@link PortableContactInserts}). Chosen once, by {@link ContactInsertsConfiguration}.
 */
interface ContactInserts {

	/**
	 * Prepares the import's transaction for its writes; called once, first thing in it.
	 */
	void prepareTransaction();

	/**
	 * Inserts contacts.
	 * @param tenantId their tenant
	 * @param rows their values, in file order
	 * @param now their creation and update time
	 * @return their new ids, in the order of {@code rows}
	 */
	List<Long> contacts(long tenantId, List<ContactRow> rows, Instant now);

	/** Inserts phone numbers of contacts. */
	void phones(List<PhoneRow> rows);

	/** Inserts tags of contacts. */
	void tags(List<TagRow> rows);

	/**
	 * The stored values of a contact, ready to write: stripped, blanks as {@code null},
	 * search text computed.
	 *
	 * @param name the name
	 * @param company the company
	 * @param email the e-mail
	 * @param notes the notes
	 * @param responsibleId the responsible agent
	 * @param externalId the id in the customer's own system
	 * @param searchText what contact search looks in ({@link ContactSearchText})
	 */
	record ContactRow(String name, @Nullable String company, @Nullable String email, @Nullable String notes,
			@Nullable Long responsibleId, @Nullable String externalId, String searchText) {
	}

	/**
	 * A number of a contact.
	 *
	 * @param tenantId the tenant
	 * @param contactId the contact
	 * @param e164 the number in E.164
	 * @param position its place among the contact's numbers, from 0
	 */
	record PhoneRow(long tenantId, long contactId, String e164, int position) {
	}

	/**
	 * A tag of a contact.
	 *
	 * @param contactId the contact
	 * @param tag the tag, normalized
	 */
	record TagRow(long contactId, String tag) {
	}

}
