package io.callbridge.campaigns;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The disposition of a contact in a campaign (OMniLeads' "calificación de cliente"): one
 * per contact and campaign.
 *
 * @param id id
 * @param tenantId tenant
 * @param campaignId campaign
 * @param contactId contact
 * @param optionId the chosen option
 * @param agentId the agent who recorded it last
 * @param comments comments
 * @param callid the call id as the client sent it
 * @param callId the call it was recorded for, when {@code callid} names a call the agent
 * took part in
 * @param createdAt creation
 * @param updatedAt last change
 */
public record CampaignDisposition(long id, long tenantId, long campaignId, long contactId, long optionId,
		@Nullable Long agentId, String comments, @Nullable String callid, @Nullable Long callId, Instant createdAt,
		Instant updatedAt) {
}
