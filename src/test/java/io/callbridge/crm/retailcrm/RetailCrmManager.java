package io.callbridge.crm.retailcrm;

import org.jspecify.annotations.Nullable;

/**
 * A CRM user as {@code telephony/manager} returns it (protocol notes A5), with the user
 * status that decides whether it is returned without {@code ignoreStatus}.
 *
 * @param id the CRM user id
 * @param firstName first name
 * @param lastName last name
 * @param email e-mail
 * @param code the user's telephony extension code, if any
 * @param status {@code free}, {@code busy}, {@code dinner} or {@code break}
 */
public record RetailCrmManager(int id, String firstName, String lastName, String email, @Nullable String code,
		String status) {

	/** A free manager. */
	public static RetailCrmManager free(int id, String firstName, @Nullable String code) {
		return new RetailCrmManager(id, firstName, "Manager", firstName.toLowerCase() + "@shop.example", code, "free");
	}

}
