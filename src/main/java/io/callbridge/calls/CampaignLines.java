package io.callbridge.calls;

import java.util.Optional;

/**
 * Which campaign an inbound call belongs to by the line it arrived at: a port owned by
 * the calls module so that it can tag inbound calls without depending on the module that
 * keeps campaigns (which implements it).
 */
public interface CampaignLines {

	/**
	 * The active inbound campaign answering on a line of an account.
	 * @param tenantId tenant
	 * @param accountId the telephony account the call arrived through
	 * @param ourLine our number or line as the provider reported it
	 * @return the campaign's id, if a campaign answers on that line
	 */
	Optional<Long> campaignFor(long tenantId, long accountId, String ourLine);

}
