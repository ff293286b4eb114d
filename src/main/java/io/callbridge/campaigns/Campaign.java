package io.callbridge.campaigns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A campaign as other modules and the API see it (its agents and options are read apart:
 * {@link Campaigns#agents}, {@link Campaigns#options}).
 *
 * @param id id
 * @param tenantId tenant
 * @param name name, unique in the tenant
 * @param type type
 * @param state state
 * @param contactDatabaseId the contact database its contacts come from
 * @param interaction how agents work its calls
 * @param externalSiteId the external site ("URL externa") it opens
 * @param externalSystemId the external system it is linked to
 * @param externalId its ID in that system, unique there
 * @param duplicates whether its database may repeat phone numbers
 * @param inboundAccountId for an inbound campaign, the telephony account of its line
 * @param inboundLine for an inbound campaign, the line it answers (E.164 when a number)
 * @param createdAt creation
 * @param updatedAt last change
 */
public record Campaign(long id, long tenantId, String name, CampaignType type, CampaignState state,
		@Nullable Long contactDatabaseId, Interaction interaction, @Nullable Long externalSiteId,
		@Nullable Long externalSystemId, @Nullable String externalId, DuplicatePolicy duplicates,
		@Nullable Long inboundAccountId, @Nullable String inboundLine, Instant createdAt, Instant updatedAt) {

	/** Whether the campaign takes and makes calls now. */
	public boolean isActive() {
		return this.state == CampaignState.ACTIVE;
	}

}
