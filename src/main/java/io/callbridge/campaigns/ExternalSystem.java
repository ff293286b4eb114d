package io.callbridge.campaigns;

import java.time.Instant;
import java.util.List;

/**
 * An external system (OMniLeads' "sistema externo"): a CRM that knows agents, campaigns
 * and contacts by its own IDs.
 *
 * @param id id
 * @param tenantId tenant
 * @param name name, unique in the tenant
 * @param agents its agents' IDs, by agent
 * @param createdAt creation
 */
public record ExternalSystem(long id, long tenantId, String name, List<AgentLink> agents, Instant createdAt) {
}
