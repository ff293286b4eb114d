package io.callbridge.contacts;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A person or company the tenant talks to.
 *
 * @param id id
 * @param tenantId owning tenant
 * @param name name
 * @param company company
 * @param email e-mail
 * @param notes free notes
 * @param responsibleId the agent responsible for this contact
 * @param externalId the id an external CRM uses for this contact, unique in the tenant
 * @param phones phone numbers in E.164, first is the main one
 * @param tags tags
 * @param createdAt creation time
 * @param updatedAt last change
 */
public record Contact(long id, long tenantId, String name, @Nullable String company, @Nullable String email,
		@Nullable String notes, @Nullable Long responsibleId, @Nullable String externalId, List<String> phones,
		List<String> tags, Instant createdAt, Instant updatedAt) {
}
