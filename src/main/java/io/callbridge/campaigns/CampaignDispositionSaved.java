package io.callbridge.campaigns;

import org.jspecify.annotations.Nullable;

/**
 * A contact's disposition in a campaign was recorded or changed.
 *
 * @param tenantId tenant
 * @param dispositionId the disposition
 * @param campaignId its campaign
 * @param contactId its contact
 * @param optionId the chosen option
 * @param callId the call it was recorded for, if any
 */
public record CampaignDispositionSaved(long tenantId, long dispositionId, long campaignId, long contactId,
		long optionId, @Nullable Long callId) {
}
