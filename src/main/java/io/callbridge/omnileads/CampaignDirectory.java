package io.callbridge.omnileads;

import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.Contacts;

import org.springframework.stereotype.Component;

/**
 * The {@link OmlDirectory} of Callbridge's modules: campaigns and external systems
 * (campaigns), users (agents), contacts and contact databases (contacts), all scoped to
 * the caller's tenant.
 */
@Component
class CampaignDirectory implements OmlDirectory {

	private final Campaigns campaigns;

	private final ExternalSystems systems;

	private final ContactDatabases databases;

	private final Contacts contacts;

	private final Agents agents;

	CampaignDirectory(Campaigns campaigns, ExternalSystems systems, ContactDatabases databases, Contacts contacts,
			Agents agents) {
		this.campaigns = campaigns;
		this.systems = systems;
		this.databases = databases;
		this.contacts = contacts;
		this.agents = agents;
	}

	@Override
	public Optional<CampaignRef> activeCampaign(long tenantId, long campaignId) {
		return this.campaigns.find(tenantId, campaignId).filter(Campaign::isActive).map(CampaignDirectory::ref);
	}

	@Override
	public Optional<CampaignRef> systemCampaign(long tenantId, long systemId, String externalId) {
		return this.campaigns.byExternalId(tenantId, systemId, externalId).map(CampaignDirectory::ref);
	}

	@Override
	public boolean systemExists(long tenantId, long systemId) {
		return this.systems.find(tenantId, systemId).isPresent();
	}

	@Override
	public Optional<Long> systemAgent(long systemId, String externalId) {
		return this.systems.agentByExternalId(systemId, externalId);
	}

	@Override
	public boolean enabledUser(long tenantId, long userId) {
		return this.agents.find(tenantId, userId).filter(Agent::enabled).isPresent();
	}

	@Override
	public boolean isAgentOf(long campaignId, long agentId) {
		return this.campaigns.isAgentOf(campaignId, agentId);
	}

	@Override
	public boolean contactExists(long tenantId, long contactId) {
		return this.contacts.find(tenantId, contactId).isPresent();
	}

	@Override
	public boolean inDatabase(long contactId, long databaseId) {
		return this.databases.isInDatabase(contactId, databaseId);
	}

	@Override
	public Optional<Long> contactByExternalId(long tenantId, long databaseId, String externalId) {
		return this.databases.contactByExternalId(tenantId, databaseId, externalId);
	}

	private static CampaignRef ref(Campaign campaign) {
		return new CampaignRef(campaign.id(), campaign.contactDatabaseId());
	}

}
