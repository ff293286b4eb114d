package io.callbridge.screenpop;

import java.util.List;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignDisposition;
import io.callbridge.campaigns.CampaignDispositions;
import io.callbridge.campaigns.CampaignDispositions.DispositionRequest;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The campaign side of a card's disposition form: which options to offer for a call of a
 * campaign, and recording the choice as the contact's disposition in the campaign (which
 * records the option's outcome on the call too).
 */
@Component
class CampaignChoices {

	private final Campaigns campaigns;

	private final CampaignDispositions dispositions;

	CampaignChoices(Campaigns campaigns, CampaignDispositions dispositions) {
		this.campaigns = campaigns;
		this.dispositions = dispositions;
	}

	/** The choice a card offers, when its call has a campaign and a contact. */
	@Nullable CampaignChoice of(long tenantId, Call call, @Nullable Long contactId) {
		if (call.campaignId() == null || contactId == null) {
			return null;
		}
		Optional<Campaign> campaign = this.campaigns.find(tenantId, call.campaignId());
		if (campaign.isEmpty()) {
			return null;
		}
		Optional<CampaignDisposition> current = this.dispositions.find(tenantId, call.campaignId(), contactId);
		List<CampaignOption> options = this.campaigns.options(call.campaignId())
			.stream()
			.filter((o) -> !o.hidden() || current.map((d) -> d.optionId() == o.id()).orElse(false))
			.toList();
		return new CampaignChoice(campaign.get().id(), campaign.get().name(), options,
				current.map(CampaignDisposition::optionId).orElse(null),
				current.map(CampaignDisposition::comments).orElse(""));
	}

	/**
	 * Records the agent's choice for the call's contact: changes the agent's own
	 * disposition in the campaign, or records a new one.
	 */
	void choose(CurrentUser user, Call call, long contactId, long optionId, @Nullable String comments) {
		if (call.campaignId() == null) {
			throw new Problems.InvalidInput("optionId",
					Text.of("campaignDisposition.optionUnknown", String.valueOf(optionId)));
		}
		DispositionRequest request = new DispositionRequest(contactId, optionId, comments, String.valueOf(call.id()));
		Optional<CampaignDisposition> own = this.dispositions.find(user.tenantId(), call.campaignId(), contactId)
			.filter((d) -> d.agentId() != null && d.agentId() == user.userId());
		if (own.isPresent()) {
			this.dispositions.update(user, own.get().id(), request);
		}
		else {
			this.dispositions.create(user, request);
		}
	}

}
