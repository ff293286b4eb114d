package io.callbridge.campaigns.sites;

import java.time.ZoneId;
import java.util.Map;

import io.callbridge.calls.Call;
import io.callbridge.campaigns.Campaign;
import org.jspecify.annotations.Nullable;

/**
 * Everything a campaign's CRM parameters can be mapped from.
 *
 * @param campaign the campaign
 * @param call the call
 * @param agentUsername the call's agent's user name ("" when none)
 * @param agentName the call's agent's display name ("" when none)
 * @param contact the contact's values in the campaign's database, by column
 * @param disposition the campaign disposition, for DISPOSITION-triggered sites
 * @param zone the tenant's time zone
 */
public record CrmData(Campaign campaign, Call call, String agentUsername, String agentName, Map<String, String> contact,
		@Nullable Disposition disposition, ZoneId zone) {

	/**
	 * A campaign disposition as parameters see it.
	 *
	 * @param id the disposition's id
	 * @param optionName the chosen option's name
	 */
	public record Disposition(long id, String optionName) {
	}

}
