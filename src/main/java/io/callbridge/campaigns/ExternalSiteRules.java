package io.callbridge.campaigns;

import java.util.List;

import io.callbridge.shared.Problems.FieldError;

/**
 * The rules a campaign's external site must meet (it exists in the tenant; an embedded
 * site cannot go with the form-and-site interaction unless it opens on disposition…): the
 * hook through which external sites, when they exist, check a campaign's choice. Without
 * an implementation no site is known, so naming one is refused.
 */
public interface ExternalSiteRules {

	/**
	 * What is wrong with the campaign's site, on field {@code externalSiteId}.
	 * @param tenantId tenant
	 * @param interaction the campaign's interaction (one that uses a site)
	 * @param siteId the chosen site
	 * @return the errors; empty when the site fits
	 */
	List<FieldError> check(long tenantId, Interaction interaction, long siteId);

}
