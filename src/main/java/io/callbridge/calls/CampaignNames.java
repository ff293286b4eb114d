package io.callbridge.calls;

import java.util.Map;

/**
 * The names of a tenant's campaigns, for the call history's filter and columns: a port
 * owned by the calls module, implemented by the module that keeps campaigns, so that
 * calls never depends on it.
 */
public interface CampaignNames {

	/**
	 * The tenant's campaigns by id, ordered by name.
	 * @param tenantId tenant
	 * @return campaign id → name
	 */
	Map<Long, String> namesOf(long tenantId);

}
