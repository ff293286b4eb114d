package io.callbridge.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Locale;

import io.callbridge.tenants.Tenant;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Where a login attempt comes from: the organisation the user named (the tenant's short
 * name; empty for the default tenant) and the client's address.
 *
 * @param organisation the tenant slug typed, lower-cased; the default tenant's when left
 * empty
 * @param clientAddress the client's address
 */
record LoginAttempt(String organisation, String clientAddress) implements Serializable {

	/** The login form's field naming the organisation. */
	static final String ORGANISATION_FIELD = "organisation";

	@Serial
	private static final long serialVersionUID = 1L;

	static LoginAttempt of(HttpServletRequest request) {
		return new LoginAttempt(organisation(request.getParameter(ORGANISATION_FIELD)), ClientAddress.of(request));
	}

	static String organisation(@Nullable String typed) {
		String organisation = (typed != null) ? typed.strip().toLowerCase(Locale.ROOT) : "";
		if (organisation.length() > 60) {
			organisation = organisation.substring(0, 60);
		}
		return organisation.isEmpty() ? Tenant.DEFAULT_SLUG : organisation;
	}

}
