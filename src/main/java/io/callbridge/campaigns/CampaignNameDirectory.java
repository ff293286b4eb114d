package io.callbridge.campaigns;

import java.util.Map;

import io.callbridge.calls.CampaignNames;

import org.springframework.stereotype.Component;

/** Gives the call history the names of the tenant's campaigns. */
@Component
class CampaignNameDirectory implements CampaignNames {

	private final CampaignStore store;

	CampaignNameDirectory(CampaignStore store) {
		this.store = store;
	}

	@Override
	public Map<Long, String> namesOf(long tenantId) {
		return this.store.names(tenantId);
	}

}
