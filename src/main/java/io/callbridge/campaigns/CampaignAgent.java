package io.callbridge.campaigns;

/**
 * An agent assigned to a campaign.
 *
 * @param agentId the agent (a user)
 * @param penalty OMniLeads' queue penalty (0 = first offered); kept for its API
 */
public record CampaignAgent(long agentId, int penalty) {
}
