package io.callbridge.screenpop;

import java.util.List;

import io.callbridge.campaigns.CampaignOption;
import org.jspecify.annotations.Nullable;

/**
 * The campaign disposition a card offers when its call belongs to a campaign and has a
 * contact: the campaign's visible options instead of the tenant's outcomes.
 *
 * @param campaignId the call's campaign
 * @param name its name
 * @param options the options the agent may choose, in order (a hidden option the
 * contact's disposition already has is kept among them)
 * @param chosenOptionId the option of the contact's disposition in the campaign, if any
 * @param comments its comments
 */
public record CampaignChoice(long campaignId, String name, List<CampaignOption> options, @Nullable Long chosenOptionId,
		String comments) {
}
