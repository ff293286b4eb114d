package io.callbridge.campaigns;

/**
 * A disposition option of a campaign (OMniLeads' "opción de calificación"). It names one
 * of the tenant's call outcomes, so choosing it also records that outcome on the call.
 *
 * @param id id
 * @param campaignId campaign
 * @param name name, unique in the campaign
 * @param outcomeCode the tenant's disposition outcome it records on the call
 * @param kind managed result or no action
 * @param hidden hidden options are no longer offered, but dispositions keep them
 * @param positive whether it counts as a success
 * @param crmInteraction whether choosing it triggers the external site (on disposition)
 * @param position order
 */
public record CampaignOption(long id, long campaignId, String name, String outcomeCode, OptionKind kind, boolean hidden,
		boolean positive, boolean crmInteraction, int position) {
}
