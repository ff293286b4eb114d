package io.callbridge.tenants;

import java.time.ZoneId;

/**
 * A company served by this Callbridge.
 *
 * @param id the tenant id
 * @param slug the short unique name
 * @param name the display name
 * @param defaultRegion the ISO 3166 region used to read numbers typed without a country
 * code
 * @param timeZone the zone in which times are shown to this tenant's users
 * @param currency the ISO 4217 currency of charges and costs
 */
public record Tenant(long id, String slug, String name, String defaultRegion, ZoneId timeZone, String currency) {

	/** Slug of the tenant created on first start for single-company installs. */
	public static final String DEFAULT_SLUG = "default";

}
