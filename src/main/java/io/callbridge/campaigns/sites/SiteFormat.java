package io.callbridge.campaigns.sites;

/** How a POST carries its parameters (OMniLeads' "formato"). */
public enum SiteFormat {

	/** {@code multipart/form-data}. */
	MULTIPART,
	/** {@code application/x-www-form-urlencoded}. */
	FORM,
	/** {@code text/plain}, {@code name=value} lines. */
	TEXT,
	/** {@code application/json}, an object of strings. */
	JSON;

	/** The {@code enctype} of a browser form sending this format. */
	public String enctype() {
		return switch (this) {
			case MULTIPART -> "multipart/form-data";
			case TEXT -> "text/plain";
			case FORM, JSON -> "application/x-www-form-urlencoded";
		};
	}

}
