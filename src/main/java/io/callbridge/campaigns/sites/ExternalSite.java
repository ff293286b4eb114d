package io.callbridge.campaigns.sites;

import org.jspecify.annotations.Nullable;

/**
 * An external site ("URL externa"): a CRM page a campaign opens in the agent's console or
 * calls from the server.
 *
 * @param id id
 * @param tenantId tenant
 * @param name name, unique in the tenant
 * @param url the URL, possibly with placeholders {@code {1}} … in its path
 * @param trigger when it is opened or called
 * @param method GET or POST
 * @param format the body's format of a POST; {@code null} for a GET
 * @param target where it opens in the browser; {@code null} when the server calls it
 * @param authId the token authentication the server logs in with first
 * @param hidden hidden from the choice of new campaigns
 * @param endpointId the webhooks endpoint server-side calls are delivered through
 */
public record ExternalSite(long id, long tenantId, String name, String url, SiteTrigger trigger, SiteMethod method,
		@Nullable SiteFormat format, @Nullable SiteTarget target, @Nullable Long authId, boolean hidden,
		@Nullable Long endpointId) {

	/** Whether the server calls it (no target: SERVER, or DISPOSITION by POST). */
	public boolean serverSide() {
		return this.target == null;
	}

}
