package io.callbridge.webhooks;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where the credentials of a prepared request's token authentication come from: a port
 * the module that prepares the requests implements (campaigns' external sites), so the
 * secrets stay encrypted in its tables until a delivery needs them.
 */
public interface DeliveryCredentials {

	/**
	 * The authentication, with the password decrypted.
	 * @param tenantId tenant
	 * @param authId the authentication named by the request
	 * @return it, or empty when it no longer exists
	 */
	Optional<AuthSpec> auth(long tenantId, long authId);

	/**
	 * How to obtain a Bearer token from a CRM (OMniLeads' "autenticación de sitio
	 * externo"): POST {@code {"username","password"}} as JSON to the URL and read the
	 * token from the answer.
	 *
	 * @param url the login URL
	 * @param username user name
	 * @param password password, in clear
	 * @param tokenField the answer's top-level field holding the token
	 * @param durationSeconds how long a token is valid; 0: read {@code durationField}
	 * @param durationField the answer's field holding the validity in seconds
	 */
	record AuthSpec(String url, String username, String password, String tokenField, int durationSeconds,
			@Nullable String durationField) {

		@Override
		public String toString() {
			return "AuthSpec[url=" + this.url + ", username=" + this.username + "]";
		}

	}

}
