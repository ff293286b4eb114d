package io.callbridge.campaigns.web;

import java.time.Instant;
import java.util.List;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignAgent;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.CampaignState;
import io.callbridge.campaigns.CampaignType;
import io.callbridge.campaigns.DuplicatePolicy;
import io.callbridge.campaigns.Interaction;
import org.jspecify.annotations.Nullable;

/**
 * A campaign as the API shows it, with its agents and options, and — in the answer to a
 * save — the warnings it was saved despite.
 *
 * @param id id
 * @param name name
 * @param type type
 * @param state state
 * @param contactDatabaseId contact database
 * @param interaction interaction
 * @param externalSiteId external site
 * @param externalSystemId external system
 * @param externalId ID in the external system
 * @param duplicates duplicate policy
 * @param inboundAccountId account of the inbound line
 * @param inboundLine inbound line
 * @param agents assigned agents
 * @param options disposition options, hidden ones too, in order
 * @param createdAt creation
 * @param updatedAt last change
 * @param warnings warnings of the save, in the reader's language (empty when read)
 */
record CampaignView(long id, String name, CampaignType type, CampaignState state, @Nullable Long contactDatabaseId,
		Interaction interaction, @Nullable Long externalSiteId, @Nullable Long externalSystemId,
		@Nullable String externalId, DuplicatePolicy duplicates, @Nullable Long inboundAccountId,
		@Nullable String inboundLine, List<CampaignAgent> agents, List<CampaignOption> options, Instant createdAt,
		Instant updatedAt, List<String> warnings) {

	static CampaignView of(Campaign c, List<CampaignAgent> agents, List<CampaignOption> options,
			List<String> warnings) {
		return new CampaignView(c.id(), c.name(), c.type(), c.state(), c.contactDatabaseId(), c.interaction(),
				c.externalSiteId(), c.externalSystemId(), c.externalId(), c.duplicates(), c.inboundAccountId(),
				c.inboundLine(), agents, options, c.createdAt(), c.updatedAt(), warnings);
	}

}
