package io.callbridge.contacts.web;

import java.util.Arrays;
import java.util.List;

import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactCommand;
import io.callbridge.contacts.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * The contact form as typed: phones one per line (or comma separated), tags comma
 * separated. Kept as text so a refused form comes back exactly as the user left it.
 *
 * @param name name
 * @param company company
 * @param email e-mail
 * @param phones phone numbers, one per line or separated by commas or semicolons
 * @param tags tags separated by commas or semicolons
 * @param notes notes
 * @param responsibleId responsible agent
 * @param externalId id in an external CRM
 */
record ContactForm(@Nullable String name, @Nullable String company, @Nullable String email, @Nullable String phones,
		@Nullable String tags, @Nullable String notes, @Nullable Long responsibleId, @Nullable String externalId) {

	static ContactForm empty() {
		return new ContactForm(null, null, null, null, null, null, null, null);
	}

	static ContactForm of(Contact contact) {
		return new ContactForm(contact.name(), contact.company(), contact.email(),
				String.join("\n", contact.phones().stream().map(PhoneNumbers::display).toList()),
				String.join(", ", contact.tags()), contact.notes(), contact.responsibleId(), contact.externalId());
	}

	ContactCommand toCommand() {
		return new ContactCommand((this.name != null) ? this.name : "", this.company, this.email, this.notes,
				this.responsibleId, this.externalId, split(this.phones, "[\\r\\n,;]+"), split(this.tags, "[,;]+"));
	}

	private static List<String> split(@Nullable String text, String separators) {
		if (text == null || text.isBlank()) {
			return List.of();
		}
		return Arrays.stream(text.split(separators)).map(String::strip).filter((s) -> !s.isEmpty()).toList();
	}

}
