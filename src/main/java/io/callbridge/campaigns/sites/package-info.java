/**
 * OMniLeads' "URL externa": external sites (the CRM pages a campaign opens in the agent's
 * console or calls from the server), their optional token authentication against the CRM,
 * and each campaign's parameters mapped from the campaign, its contact, the call and
 * fixed values. Server-side calls go through the webhooks module's delivery machinery
 * (managed {@code EXTERNAL_SITE} endpoints); the console shows browser-side ones through
 * {@link io.callbridge.campaigns.sites.CrmInteractions}.
 */
@NullMarked
@NamedInterface("sites")
package io.callbridge.campaigns.sites;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.NamedInterface;
