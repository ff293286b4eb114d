package io.callbridge.campaigns;

/**
 * How a campaign's calls come about. OMniLeads numbers them; {@link #omlCode()} is its
 * number (its predictive dialer, 2, may come later).
 */
public enum CampaignType {

	/** Agents call contacts by hand (click-to-call). */
	MANUAL(1),
	/** Calls arrive at the campaign's line. */
	INBOUND(3),
	/** Agents are offered contacts to call one by one. */
	PREVIEW(4);

	private final int omlCode;

	CampaignType(int omlCode) {
		this.omlCode = omlCode;
	}

	/** OMniLeads' number for the type. */
	public int omlCode() {
		return this.omlCode;
	}

}
