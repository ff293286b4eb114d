package io.callbridge.contacts;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What a user submits to create or change a contact. Phone numbers may be in any format.
 *
 * @param name name (required)
 * @param company company
 * @param email e-mail
 * @param notes notes
 * @param responsibleId responsible agent
 * @param externalId id in an external CRM
 * @param phones phone numbers in any format
 * @param tags tags
 */
public record ContactCommand(String name, @Nullable String company, @Nullable String email, @Nullable String notes,
		@Nullable Long responsibleId, @Nullable String externalId, List<String> phones, List<String> tags) {

	public ContactCommand {
		phones = (phones != null) ? List.copyOf(phones) : List.of();
		tags = (tags != null) ? List.copyOf(tags) : List.of();
	}

}
