package io.callbridge.omnileads;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the adapter asks Callbridge's modules about the ids a CRM sends (campaigns,
 * external systems, agents, contacts), so that OMniLeads' form rules are written once
 * against this and tested without a database.
 */
interface OmlDirectory {

	/**
	 * A campaign as the forms need it.
	 *
	 * @param id its id
	 * @param databaseId its contact database, if any
	 */
	record CampaignRef(long id, @Nullable Long databaseId) {
	}

	/** An active campaign of the tenant (OMniLeads' {@code obtener_activas()}). */
	Optional<CampaignRef> activeCampaign(long tenantId, long campaignId);

	/** The campaign of the external system with that external id, whatever its state. */
	Optional<CampaignRef> systemCampaign(long tenantId, long systemId, String externalId);

	/** Whether the tenant has the external system. */
	boolean systemExists(long tenantId, long systemId);

	/** The user an external system knows by that external id. */
	Optional<Long> systemAgent(long systemId, String externalId);

	/** Whether the user exists in the tenant and is enabled. */
	boolean enabledUser(long tenantId, long userId);

	/** Whether the user is an assigned agent of the campaign. */
	boolean isAgentOf(long campaignId, long agentId);

	/** Whether the contact exists in the tenant. */
	boolean contactExists(long tenantId, long contactId);

	/** Whether the contact belongs to the contact database. */
	boolean inDatabase(long contactId, long databaseId);

	/** The contact of the database with that external id. */
	Optional<Long> contactByExternalId(long tenantId, long databaseId, String externalId);

}
