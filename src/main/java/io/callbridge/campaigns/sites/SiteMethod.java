package io.callbridge.campaigns.sites;

/** The HTTP method an external site is opened or called with. */
public enum SiteMethod {

	/** Parameters in the query string. */
	GET,
	/** Parameters in the body, in the site's format. */
	POST

}
