package io.callbridge.crm;

import io.callbridge.shared.Text;

/** What checking a connection against its CRM found. */
public sealed interface CrmCheck {

	/**
	 * The CRM accepted the address and credentials.
	 *
	 * @param detail what was checked, for the admin
	 */
	record Passed(Text detail) implements CrmCheck {
	}

	/**
	 * The CRM refused, could not be reached or answered nonsense.
	 *
	 * @param field the connection field at fault ({@code baseUrl}, {@code apiKey} …), or
	 * {@code null} when none in particular
	 * @param reason what went wrong, with the CRM's own message where it gave one
	 */
	record Failed(@org.jspecify.annotations.Nullable String field, Text reason) implements CrmCheck {
	}

}
