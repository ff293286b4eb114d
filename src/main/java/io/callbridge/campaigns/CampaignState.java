package io.callbridge.campaigns;

/** Where a campaign is in its life; only active campaigns take calls. */
public enum CampaignState {

	/** Running: calls are made and taken for it. */
	ACTIVE,
	/** Stopped for a while. */
	PAUSED,
	/** Over; its history stays. */
	FINISHED,
	/** Put away; hidden from the usual lists. */
	ARCHIVED

}
