package io.callbridge.campaigns.sites;

import org.jspecify.annotations.Nullable;

/**
 * A token authentication against a CRM (OMniLeads' {@code AutenticacionSitioExterno}) as
 * it is shown: its password is stored encrypted and never shown.
 *
 * @param id id
 * @param tenantId tenant
 * @param name name, unique in the tenant
 * @param url the login URL ({@code {"username","password"}} is POSTed there as JSON)
 * @param username user name
 * @param tokenField the answer's top-level field with the token
 * @param durationSeconds how long a token is valid; 0: read {@code durationField}
 * @param durationField the answer's field with the validity in seconds
 */
public record ExternalSiteAuth(long id, long tenantId, String name, String url, String username, String tokenField,
		int durationSeconds, @Nullable String durationField) {
}
