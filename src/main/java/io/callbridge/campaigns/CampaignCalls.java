package io.callbridge.campaigns;

import java.util.ArrayList;
import java.util.List;

import io.callbridge.calls.application.ClickToCall;
import io.callbridge.calls.application.ClickToCall.ClickToCallCommand;
import io.callbridge.calls.application.ClickToCall.Originated;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;

/**
 * Calls made for a campaign: checks that the agent belongs to the campaign and the
 * contact (if any) to its contact database, then places the call with click-to-call, so
 * whichever provider holds the agent's extension originates it and the call carries the
 * campaign. The campaign's state is not checked here: each caller applies its own rule
 * (OMniLeads' API, for one, checks it only for its own ids).
 */
@Service
public class CampaignCalls {

	private final Campaigns campaigns;

	private final ContactDatabaseLookup databases;

	private final Contacts contacts;

	private final ClickToCall clickToCall;

	CampaignCalls(Campaigns campaigns, ContactDatabaseLookup databases, Contacts contacts, ClickToCall clickToCall) {
		this.campaigns = campaigns;
		this.databases = databases;
		this.contacts = contacts;
		this.clickToCall = clickToCall;
	}

	/**
	 * Starts a call for a campaign.
	 * @param caller who asks (an agent for themselves; supervisors for any agent)
	 * @param campaignId the campaign
	 * @param agentId the agent whose extension rings first
	 * @param contactId the contact called, if known
	 * @param phone the number to call, any format
	 * @return the accepted request
	 * @throws Problems.InvalidInput on {@code agentId} (not in the campaign) or
	 * {@code contactId} (not in its database), and click-to-call's own refusals
	 */
	public Originated start(CurrentUser caller, long campaignId, long agentId, @Nullable Long contactId, String phone) {
		Campaign campaign = this.campaigns.get(caller.tenantId(), campaignId);
		List<FieldError> errors = new ArrayList<>();
		if (!this.campaigns.isAgentOf(campaignId, agentId)) {
			errors.add(new FieldError("agentId",
					Text.of("campaign.agentNotInCampaign", String.valueOf(agentId), campaign.name())));
		}
		if (contactId != null && !belongs(caller.tenantId(), campaign, contactId)) {
			errors.add(new FieldError("contactId",
					Text.of("campaign.contactNotInCampaign", String.valueOf(contactId), campaign.name())));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		return this.clickToCall.call(caller,
				new ClickToCallCommand(phone, contactId, null, agentId, null, campaign.id()));
	}

	// A campaign without a database takes any contact of the tenant.
	private boolean belongs(long tenantId, Campaign campaign, long contactId) {
		if (this.contacts.find(tenantId, contactId).isEmpty()) {
			return false;
		}
		return campaign.contactDatabaseId() == null
				|| this.databases.isInDatabase(contactId, campaign.contactDatabaseId());
	}

}
