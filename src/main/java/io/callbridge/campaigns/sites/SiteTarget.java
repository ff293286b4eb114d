package io.callbridge.campaigns.sites;

/** Where a browser-side external site opens (OMniLeads' "objetivo"). */
public enum SiteTarget {

	/** In a frame of the call's card in the agent console. */
	EMBEDDED,
	/** In a new browser tab. */
	NEW_TAB

}
