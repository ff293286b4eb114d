package io.callbridge.campaigns.sites;

import java.util.List;

/**
 * What the agent's console card does with a call's external site: open the URL in its
 * frame or a new tab, or submit a hidden form there, automatically once per call or when
 * the agent clicks the "CRM" button.
 *
 * @param url the URL (a GET's parameters in its query; a POST's form action)
 * @param method {@code get} or {@code post}
 * @param enctype the POST form's encoding
 * @param frameName the name of the card's frame when embedded
 * @param embedded whether it opens in the card's frame (else a new tab)
 * @param automatic whether it opens by itself (else on the button)
 * @param params a POST form's fields, in order
 * @param fireKey what "once" is counted by: the call and the trigger
 */
public record CrmInteraction(String url, String method, String enctype, String frameName, boolean embedded,
		boolean automatic, List<SiteParam> params, String fireKey) {

	/** Whether it submits a form (POST) rather than navigating to the URL. */
	public boolean isForm() {
		return "post".equals(this.method);
	}

	/** The target a form is submitted to: the card's frame or a new tab. */
	public String formTarget() {
		return this.embedded ? this.frameName : "_blank";
	}

}
