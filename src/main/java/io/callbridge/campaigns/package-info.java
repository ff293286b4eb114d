/**
 * Campaigns, as OMniLeads has them: a campaign (manual, preview or inbound) with its
 * contact database, assigned agents and disposition options, its interaction type and an
 * optional link to an external system (a CRM) by external id; external systems with the
 * IDs their agents have there; the disposition of a contact in a campaign; and calls
 * started for a campaign. The linking rules and warnings are OMniLeads' own
 * ({@link io.callbridge.campaigns.LinkingRules}). Calls learn a call's campaign through
 * the ports {@link io.callbridge.calls.CampaignLines} and
 * {@link io.callbridge.calls.CampaignNames} implemented here, so the calls module never
 * depends on this one.
 */
@NullMarked
package io.callbridge.campaigns;

import org.jspecify.annotations.NullMarked;
