package io.callbridge.campaigns.sites;

import org.jspecify.annotations.Nullable;

/**
 * An external site as submitted (form or API); checked by {@link SiteValidation}.
 *
 * @param name name
 * @param url URL
 * @param trigger trigger (required)
 * @param method method (default GET)
 * @param format format (POST only)
 * @param target target (browser-side triggers)
 * @param authId token authentication
 * @param hidden hidden from new campaigns
 */
public record ExternalSiteCommand(@Nullable String name, @Nullable String url, @Nullable SiteTrigger trigger,
		@Nullable SiteMethod method, @Nullable SiteFormat format, @Nullable SiteTarget target, @Nullable Long authId,
		boolean hidden) {

	/** A site with no authentication, not hidden. */
	public static ExternalSiteCommand of(String name, String url, SiteTrigger trigger, SiteMethod method,
			@Nullable SiteFormat format, @Nullable SiteTarget target) {
		return new ExternalSiteCommand(name, url, trigger, method, format, target, null, false);
	}

	/** This command with a token authentication. */
	public ExternalSiteCommand withAuth(@Nullable Long auth) {
		return new ExternalSiteCommand(this.name, this.url, this.trigger, this.method, this.format, this.target, auth,
				this.hidden);
	}

}
