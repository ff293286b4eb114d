package io.callbridge.campaigns;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Filters of the campaign list; every field is optional.
 *
 * @param types campaigns of these types (empty: any)
 * @param state campaigns in this state
 * @param name campaigns whose name contains this, any case
 * @param agentId campaigns the agent is assigned to
 */
public record CampaignFilter(Set<CampaignType> types, @Nullable CampaignState state, @Nullable String name,
		@Nullable Long agentId) {

	public static CampaignFilter all() {
		return new CampaignFilter(Set.of(), null, null, null);
	}

}
