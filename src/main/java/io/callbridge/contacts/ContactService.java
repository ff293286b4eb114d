package io.callbridge.contacts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.callbridge.agents.Agents;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes and deletes contacts; every phone number is normalized to E.164 with
 * the tenant's region, and an invalid one refuses the whole change with a message naming
 * it. Each change publishes {@link ContactCreated}, {@link ContactChanged} or
 * {@link ContactDeleted} inside its transaction.
 */
@Service
public class ContactService {

	/**
	 * The longest phone number accepted as typed (E.164 has 15 digits; room for spacing).
	 */
	private static final int MAX_PHONE_INPUT = 40;

	// Compiled once: the bulk import checks every row.
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

	private final JdbcClient jdbc;

	private final Contacts contacts;

	private final Tenants tenants;

	private final Agents agents;

	private final ApplicationEventPublisher events;

	private final ObjectProvider<ContactWriteOrder> writeOrder;

	ContactService(JdbcClient jdbc, Contacts contacts, Tenants tenants, Agents agents, ApplicationEventPublisher events,
			ObjectProvider<ContactWriteOrder> writeOrder) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.tenants = tenants;
		this.agents = agents;
		this.events = events;
		this.writeOrder = writeOrder;
	}

	/** The E.164 form of a number in the tenant's region, or the refusal. */
	public PhoneNumber normalize(long tenantId, @Nullable String number) {
		return PhoneNumbers.parse(number, this.tenants.getCached(tenantId).defaultRegion());
	}

	/**
	 * The E.164 form of a number that must be valid; otherwise a 422 problem on the given
	 * field.
	 */
	public String requireValid(long tenantId, @Nullable String number, String field) {
		return PhoneNumbers.requireValid(number, this.tenants.get(tenantId).defaultRegion(), field);
	}

	/**
	 * Every contact of the tenant that has this number, whatever format it is given in.
	 */
	public List<Contact> lookup(long tenantId, String number) {
		return switch (normalize(tenantId, number)) {
			case PhoneNumber.Valid valid -> this.contacts.findByNumber(tenantId, valid.e164());
			case PhoneNumber.Invalid invalid -> throw new Problems.InvalidInput("number", invalid.reason());
			case PhoneNumber.Withheld withheld -> List.of();
		};
	}

	@Transactional
	public Contact create(long tenantId, ContactCommand command) {
		return insert(tenantId, command, null, null, null);
	}

	/**
	 * Creates a contact of a contact database, as {@link #create} does any other (same
	 * checks, same {@link ContactCreated}), with its external ID in that database and its
	 * values of the database's columns.
	 * @param tenantId the tenant
	 * @param command the contact's values
	 * @param databaseId its database
	 * @param databaseExternalId its external ID there; {@code null} for none
	 * @param databaseData JSON object of its values by column
	 * @return the contact
	 */
	@Transactional
	Contact createInDatabase(long tenantId, ContactCommand command, long databaseId,
			@Nullable String databaseExternalId, String databaseData) {
		return insert(tenantId, command, databaseId, databaseExternalId, databaseData);
	}

	private Contact insert(long tenantId, ContactCommand command, @Nullable Long databaseId,
			@Nullable String databaseExternalId, @Nullable String databaseData) {
		claim(tenantId);
		Validated valid = validate(tenantId, command, null);
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		Instant now = Instant.now();
		this.jdbc.sql("""
				INSERT INTO contacts (tenant_id, name, company, email, notes, responsible_id, external_id, created_at,
				  updated_at, database_id, database_external_id, database_data)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, command.name().strip(), blank(command.company()), blank(command.email()),
					blank(command.notes()), command.responsibleId(), blank(command.externalId()), Jdbc.ts(now),
					Jdbc.ts(now), databaseId, blank(databaseExternalId), databaseData)
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		writeDetails(tenantId, id, valid);
		writeSearchText(id, command, valid);
		this.events.publishEvent(new ContactCreated(tenantId, id));
		return this.contacts.get(tenantId, id);
	}

	@Transactional
	public Contact update(long tenantId, long id, ContactCommand command) {
		claim(tenantId);
		this.contacts.get(tenantId, id);
		Validated valid = validate(tenantId, command, id);
		this.jdbc.sql("""
				UPDATE contacts SET name = ?, company = ?, email = ?, notes = ?, responsible_id = ?, external_id = ?,
				  updated_at = ? WHERE id = ? AND tenant_id = ?""")
			.params(command.name().strip(), blank(command.company()), blank(command.email()), blank(command.notes()),
					command.responsibleId(), blank(command.externalId()), Jdbc.ts(Instant.now()), id, tenantId)
			.update();
		this.jdbc.sql("DELETE FROM contact_phones WHERE contact_id = ?").param(id).update();
		this.jdbc.sql("DELETE FROM contact_tags WHERE contact_id = ?").param(id).update();
		writeDetails(tenantId, id, valid);
		writeSearchText(id, command, valid);
		this.events.publishEvent(new ContactChanged(tenantId, id));
		return this.contacts.get(tenantId, id);
	}

	/**
	 * Adds a number to an existing contact (from the screen pop); a number it already has
	 * is kept once.
	 */
	@Transactional
	public Contact addPhone(long tenantId, long id, String number) {
		claim(tenantId);
		Contact contact = this.contacts.get(tenantId, id);
		String e164 = PhoneNumbers.requireValid(number, this.tenants.get(tenantId).defaultRegion(), "number");
		if (!contact.phones().contains(e164)) {
			this.jdbc.sql("INSERT INTO contact_phones (tenant_id, contact_id, e164, position) VALUES (?, ?, ?, ?)")
				.params(tenantId, id, e164, contact.phones().size())
				.update();
			this.jdbc.sql("UPDATE contacts SET updated_at = ? WHERE id = ?")
				.params(Jdbc.ts(Instant.now()), id)
				.update();
			this.events.publishEvent(new ContactChanged(tenantId, id));
		}
		return this.contacts.get(tenantId, id);
	}

	/**
	 * Deletes a contact. {@link ContactDeleted} is published before the row goes, so that
	 * listeners in this transaction remove what belongs to it (the records module deletes
	 * its cases, follow-ups and tasks).
	 */
	@Transactional
	public void delete(long tenantId, long id) {
		claim(tenantId);
		this.contacts.get(tenantId, id);
		this.events.publishEvent(new ContactDeleted(tenantId, id));
		this.jdbc.sql("DELETE FROM contacts WHERE id = ? AND tenant_id = ?").params(id, tenantId).update();
	}

	// Before any contact row is locked, so writers of contacts and records lock in one
	// order.
	private void claim(long tenantId) {
		this.writeOrder.ifAvailable((order) -> order.claim(tenantId));
	}

	/**
	 * A checked command with its normalized numbers and tags.
	 *
	 * @param phones E.164 numbers
	 * @param tags cleaned tags
	 */
	record Validated(List<String> phones, List<String> tags) {
	}

	/**
	 * Checks a command without writing anything; used by the CSV import to report every
	 * row's errors.
	 */
	Validated validate(long tenantId, ContactCommand command, @Nullable Long existingId) {
		List<FieldError> errors = new ArrayList<>();
		if (command.responsibleId() != null && this.agents.find(tenantId, command.responsibleId()).isEmpty()) {
			errors.add(new FieldError("responsibleId",
					Text.of("contact.unknownResponsible", String.valueOf(command.responsibleId()))));
		}
		checkExternalId(tenantId, command.externalId(), existingId, errors);
		Validated valid = checkValues(command, this.tenants.get(tenantId).defaultRegion(), errors);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return valid;
	}

	/**
	 * The checks of a command that need no database: lengths, e-mail, phone numbers (in
	 * the region given) and tags; the bulk import runs them on every row without a query
	 * per row.
	 * @param command the values
	 * @param region the tenant's default region
	 * @param errors where refusals are added, by field
	 * @return the normalized numbers and tags (meaningful only when no error was added)
	 */
	static Validated checkValues(ContactCommand command, String region, List<FieldError> errors) {
		if (command.name() == null || command.name().isBlank()) {
			errors.add(new FieldError("name", Text.of("contact.nameRequired")));
		}
		else if (command.name().length() > 200) {
			errors.add(new FieldError("name", Text.of("problem.fieldTooLong", Text.of("field.name"), "200")));
		}
		if (command.email() != null && command.email().length() > 200) {
			errors.add(new FieldError("email", Text.of("contact.emailTooLong", "200")));
		}
		else if (command.email() != null && !command.email().isBlank()
				&& !EMAIL.matcher(command.email().strip()).matches()) {
			errors.add(new FieldError("email", Text.of("problem.notEmail", command.email())));
		}
		checkLength(errors, "company", Text.of("field.company"), command.company(), 200);
		checkLength(errors, "notes", Text.of("field.notes"), command.notes(), 4000);
		Set<String> phones = new LinkedHashSet<>();
		for (String raw : command.phones()) {
			if (raw == null || raw.isBlank()) {
				continue;
			}
			if (raw.length() > MAX_PHONE_INPUT) {
				errors.add(new FieldError("phones", Text.of("contact.phoneTooLong", String.valueOf(MAX_PHONE_INPUT))));
				continue;
			}
			switch (PhoneNumbers.parse(raw, region)) {
				case PhoneNumber.Valid valid -> phones.add(valid.e164());
				case PhoneNumber.Invalid invalid -> errors.add(new FieldError("phones", invalid.reason()));
				case PhoneNumber.Withheld withheld ->
					errors.add(new FieldError("phones", Text.of("phone.notANumber", raw)));
			}
		}
		Set<String> tags = new LinkedHashSet<>();
		for (String tag : command.tags()) {
			if (tag != null && !tag.isBlank()) {
				String clean = tag.strip().toLowerCase(Locale.ROOT);
				if (clean.length() > 60) {
					errors.add(new FieldError("tags", Text.of("contact.tagTooLong", clean, "60")));
				}
				tags.add(clean);
			}
		}
		return new Validated(List.copyOf(phones), List.copyOf(tags));
	}

	private void checkExternalId(long tenantId, @Nullable String externalId, @Nullable Long existingId,
			List<FieldError> errors) {
		String value = blank(externalId);
		if (value == null) {
			return;
		}
		if (value.length() > 100) {
			errors.add(new FieldError("externalId", Text.of("problem.externalIdTooLong", "100")));
			return;
		}
		this.contacts.idByExternalId(tenantId, value)
			.filter((holder) -> existingId == null || holder.longValue() != existingId)
			.ifPresent((holder) -> errors
				.add(new FieldError("externalId", Text.of("contact.externalIdTaken", value, String.valueOf(holder)))));
	}

	private void writeDetails(long tenantId, long id, Validated valid) {
		for (int i = 0; i < valid.phones().size(); i++) {
			this.jdbc.sql("INSERT INTO contact_phones (tenant_id, contact_id, e164, position) VALUES (?, ?, ?, ?)")
				.params(tenantId, id, valid.phones().get(i), i)
				.update();
		}
		for (String tag : valid.tags()) {
			this.jdbc.sql("INSERT INTO contact_tags (contact_id, tag) VALUES (?, ?)").params(id, tag).update();
		}
	}

	// What contact search looks in, kept with every write of the fields it covers.
	private void writeSearchText(long id, ContactCommand command, Validated valid) {
		this.jdbc.sql("UPDATE contacts SET search_text = ? WHERE id = ?")
			.params(ContactSearchText.of(command.name().strip(), command.company(), command.email(), valid.tags()), id)
			.update();
	}

	private static void checkLength(List<FieldError> errors, String field, Text name, @Nullable String value, int max) {
		if (value != null && value.length() > max) {
			errors.add(new FieldError(field, Text.of("problem.fieldTooLong", name, String.valueOf(max))));
		}
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
