package io.callbridge.campaigns;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A campaign as submitted (form or API). On an update, {@code agentIds} and
 * {@code options} left {@code null} keep what the campaign has; given, they replace it.
 *
 * @param name name
 * @param type type (required)
 * @param state state (default: active)
 * @param contactDatabaseId contact database
 * @param interaction interaction (default: form)
 * @param externalSiteId external site
 * @param externalSystemId external system
 * @param externalId the campaign's ID in the external system
 * @param duplicates duplicate policy (default: allow)
 * @param inboundAccountId account of the inbound line
 * @param inboundLine the inbound line
 * @param agentIds assigned agents
 * @param options disposition options, in order
 */
public record CampaignCommand(@Nullable String name, @Nullable CampaignType type, @Nullable CampaignState state,
		@Nullable Long contactDatabaseId, @Nullable Interaction interaction, @Nullable Long externalSiteId,
		@Nullable Long externalSystemId, @Nullable String externalId, @Nullable DuplicatePolicy duplicates,
		@Nullable Long inboundAccountId, @Nullable String inboundLine, @Nullable List<Long> agentIds,
		@Nullable List<CampaignOptionCommand> options) {

	/** A manual, active, form-only campaign with no links, agents or options. */
	public static CampaignCommand manual(String name) {
		return new CampaignCommand(name, CampaignType.MANUAL, CampaignState.ACTIVE, null, Interaction.FORM, null, null,
				null, DuplicatePolicy.ALLOW, null, null, List.of(), List.of());
	}

	/** This command with another contact database, external system and external id. */
	public CampaignCommand linked(@Nullable Long databaseId, @Nullable Long systemId, @Nullable String extId) {
		return new CampaignCommand(this.name, this.type, this.state, databaseId, this.interaction, this.externalSiteId,
				systemId, extId, this.duplicates, this.inboundAccountId, this.inboundLine, this.agentIds, this.options);
	}

	/** This command with other agents. */
	public CampaignCommand withAgents(@Nullable List<Long> agents) {
		return new CampaignCommand(this.name, this.type, this.state, this.contactDatabaseId, this.interaction,
				this.externalSiteId, this.externalSystemId, this.externalId, this.duplicates, this.inboundAccountId,
				this.inboundLine, agents, this.options);
	}

	/** This command with other options. */
	public CampaignCommand withOptions(@Nullable List<CampaignOptionCommand> newOptions) {
		return new CampaignCommand(this.name, this.type, this.state, this.contactDatabaseId, this.interaction,
				this.externalSiteId, this.externalSystemId, this.externalId, this.duplicates, this.inboundAccountId,
				this.inboundLine, this.agentIds, newOptions);
	}

	/** This command as an inbound campaign answering on a line. */
	public CampaignCommand inbound(long accountId, String line) {
		return new CampaignCommand(this.name, CampaignType.INBOUND, this.state, this.contactDatabaseId,
				this.interaction, this.externalSiteId, this.externalSystemId, this.externalId, this.duplicates,
				accountId, line, this.agentIds, this.options);
	}

	/** This command with another interaction and site. */
	public CampaignCommand interacting(@Nullable Interaction how, @Nullable Long siteId) {
		return new CampaignCommand(this.name, this.type, this.state, this.contactDatabaseId, how, siteId,
				this.externalSystemId, this.externalId, this.duplicates, this.inboundAccountId, this.inboundLine,
				this.agentIds, this.options);
	}

}
