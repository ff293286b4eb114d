package io.callbridge.campaigns.sites;

import java.util.List;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A call's external site with its parameters resolved: what the console opens and what
 * the server sends come from here, so both map the same values.
 */
@Component
class SiteCalls {

	private final Campaigns campaigns;

	private final ExternalSites sites;

	private final CrmParameters parameters;

	private final Agents agents;

	private final Tenants tenants;

	SiteCalls(Campaigns campaigns, ExternalSites sites, CrmParameters parameters, Agents agents, Tenants tenants) {
		this.campaigns = campaigns;
		this.sites = sites;
		this.parameters = parameters;
		this.agents = agents;
		this.tenants = tenants;
	}

	/**
	 * The call's campaign's site, when the campaign interacts through one.
	 */
	Optional<Resolved> of(Call call, CrmData.@Nullable Disposition disposition) {
		if (call.campaignId() == null) {
			return Optional.empty();
		}
		Optional<Campaign> campaign = this.campaigns.find(call.tenantId(), call.campaignId());
		if (campaign.isEmpty() || !campaign.get().interaction().usesSite() || campaign.get().externalSiteId() == null) {
			return Optional.empty();
		}
		ExternalSite site = this.sites.get(call.tenantId(), campaign.get().externalSiteId());
		Agent agent = (call.agentId() != null) ? this.agents.find(call.tenantId(), call.agentId()).orElse(null) : null;
		CrmData data = new CrmData(campaign.get(), call, (agent != null) ? agent.username() : "",
				(agent != null) ? agent.displayName() : "",
				this.parameters.contactValues(call.tenantId(), call.contactId()), disposition,
				this.tenants.get(call.tenantId()).timeZone());
		List<SiteParam> values = CrmParameters.resolve(this.parameters.of(campaign.get().id()), data);
		String url = CrmParameters.url(site.url(), values);
		List<SiteParam> sent = CrmParameters.sent(values);
		return Optional.of(new Resolved(campaign.get(), site,
				(site.method() == SiteMethod.GET) ? CrmParameters.withQuery(url, sent) : url, sent));
	}

	/**
	 * A site ready to open or call.
	 *
	 * @param campaign the call's campaign
	 * @param site its site
	 * @param url the URL to open or call (a GET's parameters in its query)
	 * @param params the parameters sent (a POST's body)
	 */
	record Resolved(Campaign campaign, ExternalSite site, String url, List<SiteParam> params) {
	}

}
