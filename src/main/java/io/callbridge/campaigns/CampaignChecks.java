package io.callbridge.campaigns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.DispositionOutcome;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import io.callbridge.telephony.TelephonyAccounts;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Checks a submitted campaign: its own fields (name, type, agents, options, line) and
 * OMniLeads' linking rules, with the facts those need looked up; and gathers the facts of
 * the warnings of a saved campaign.
 */
@Component
class CampaignChecks {

	static final int MAX_NAME = 128;

	static final int MAX_OPTION_NAME = 50;

	private final CampaignStore store;

	private final ExternalSystemStore systems;

	private final ContactDatabaseLookup databases;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	private final DispositionService outcomes;

	private final ObjectProvider<ExternalSiteRules> siteRules;

	CampaignChecks(CampaignStore store, ExternalSystemStore systems, ContactDatabaseLookup databases, Agents agents,
			TelephonyAccounts accounts, DispositionService outcomes, ObjectProvider<ExternalSiteRules> siteRules) {
		this.store = store;
		this.systems = systems;
		this.databases = databases;
		this.agents = agents;
		this.accounts = accounts;
		this.outcomes = outcomes;
		this.siteRules = siteRules;
	}

	/** Every error of the command; empty when it may be saved. */
	List<FieldError> errors(long tenantId, @Nullable Campaign existing, CampaignCommand command) {
		List<FieldError> errors = new ArrayList<>();
		Long id = (existing != null) ? existing.id() : null;
		String name = (command.name() != null) ? command.name().strip() : "";
		if (name.isEmpty() || name.length() > MAX_NAME) {
			errors.add(new FieldError("name", Text.of("campaign.nameRequired", MAX_NAME)));
		}
		else if (this.store.nameTaken(tenantId, name, id)) {
			errors.add(new FieldError("name", Text.of("campaign.nameTaken", name)));
		}
		if (command.type() == null) {
			errors.add(new FieldError("type", Text.of("campaign.typeRequired")));
		}
		errors.addAll(references(tenantId, command));
		errors.addAll(line(tenantId, command));
		errors.addAll(agentErrors(tenantId, command.agentIds()));
		errors.addAll(optionErrors(tenantId, command.options(), id));
		errors.addAll(LinkingRules.errors(command, facts(tenantId, existing, command)));
		if (command.externalSiteId() != null && command.interaction() != null && command.interaction().usesSite()) {
			errors.addAll(siteErrors(tenantId, command.interaction(), command.externalSiteId()));
		}
		return errors;
	}

	/** The facts of the warnings of a saved campaign. */
	LinkingRules.WarningFacts warningFacts(Campaign campaign) {
		long systemId = (campaign.externalSystemId() != null) ? campaign.externalSystemId() : -1;
		List<String> withoutId = agentsWithoutId(campaign.tenantId(), systemId,
				this.store.agents(campaign.id()).stream().map(CampaignAgent::agentId).toList());
		boolean database = campaign.contactDatabaseId() != null
				&& this.store.databaseOfOtherSystem(campaign.contactDatabaseId(), systemId, campaign.id());
		boolean site = campaign.externalSiteId() != null
				&& this.store.siteOfOtherSystem(campaign.externalSiteId(), systemId, campaign.id());
		return new LinkingRules.WarningFacts(withoutId, database, site);
	}

	/** The display names of these agents that have no ID in the system. */
	List<String> agentsWithoutId(long tenantId, long systemId, List<Long> agentIds) {
		Set<Long> linked = new HashSet<>(this.systems.linkedAgents(systemId));
		List<Long> missing = agentIds.stream().filter((a) -> !linked.contains(a)).toList();
		return this.agents.byIds(tenantId, missing).values().stream().map(Agent::displayName).sorted().toList();
	}

	private LinkingRules.Facts facts(long tenantId, @Nullable Campaign existing, CampaignCommand command) {
		Boolean databaseHasExternalId = (command.contactDatabaseId() == null) ? null
				: this.databases.find(tenantId, command.contactDatabaseId())
					.map(ContactDatabaseLookup.DatabaseRef::hasExternalId)
					.orElse(false);
		boolean taken = command.externalSystemId() != null && command.externalId() != null
				&& !command.externalId().isBlank() && this.store.externalIdTaken(command.externalSystemId(),
						command.externalId().strip(), (existing != null) ? existing.id() : null);
		return new LinkingRules.Facts(databaseHasExternalId, taken, (existing != null) ? existing.interaction() : null);
	}

	private List<FieldError> references(long tenantId, CampaignCommand command) {
		List<FieldError> errors = new ArrayList<>();
		if (command.contactDatabaseId() != null
				&& this.databases.find(tenantId, command.contactDatabaseId()).isEmpty()) {
			errors.add(new FieldError("contactDatabaseId",
					Text.of("campaign.databaseUnknown", String.valueOf(command.contactDatabaseId()))));
		}
		if (command.externalSystemId() != null && this.systems.find(tenantId, command.externalSystemId()).isEmpty()) {
			errors.add(new FieldError("externalSystemId",
					Text.of("campaign.systemUnknown", String.valueOf(command.externalSystemId()))));
		}
		if (command.externalId() != null && command.externalId().strip().length() > MAX_NAME) {
			errors.add(new FieldError("externalId", Text.of("campaign.externalIdTooLong", MAX_NAME)));
		}
		return errors;
	}

	private List<FieldError> line(long tenantId, CampaignCommand command) {
		boolean hasLine = command.inboundLine() != null && !command.inboundLine().isBlank();
		if (!hasLine && command.inboundAccountId() == null) {
			return List.of();
		}
		if (!hasLine || command.inboundAccountId() == null) {
			return List
				.of(new FieldError(hasLine ? "inboundAccountId" : "inboundLine", Text.of("campaign.lineNeedsBoth")));
		}
		if (command.type() != CampaignType.INBOUND) {
			return List.of(new FieldError("inboundLine", Text.of("campaign.lineOnlyInbound")));
		}
		if (this.accounts.list(tenantId).stream().noneMatch((a) -> a.id() == command.inboundAccountId())) {
			return List.of(new FieldError("inboundAccountId",
					Text.of("campaign.accountUnknown", String.valueOf(command.inboundAccountId()))));
		}
		if (command.inboundLine().strip().length() > 100) {
			return List.of(new FieldError("inboundLine", Text.of("campaign.lineTooLong", 100)));
		}
		return List.of();
	}

	/** Checks the line's uniqueness once it is in the form it is stored in. */
	List<FieldError> lineTaken(long accountId, String line, @Nullable Long id) {
		return this.store.lineTaken(accountId, line, id)
				? List.of(new FieldError("inboundLine", Text.of("campaign.lineTaken", line))) : List.of();
	}

	private List<FieldError> agentErrors(long tenantId, @Nullable List<Long> agentIds) {
		if (agentIds == null) {
			return List.of();
		}
		Set<Long> known = this.agents.byIds(tenantId, agentIds).keySet();
		return agentIds.stream()
			.filter((a) -> !known.contains(a))
			.map((a) -> new FieldError("agentIds", Text.of("campaign.agentUnknown", a)))
			.toList();
	}

	private List<FieldError> optionErrors(long tenantId, @Nullable List<CampaignOptionCommand> options,
			@Nullable Long campaignId) {
		if (options == null) {
			return List.of();
		}
		List<FieldError> errors = new ArrayList<>();
		List<String> codes = this.outcomes.outcomes(tenantId, false).stream().map(DispositionOutcome::code).toList();
		Set<String> names = new HashSet<>();
		Set<Long> ownIds = new HashSet<>();
		if (campaignId != null) {
			this.store.options(campaignId).forEach((o) -> ownIds.add(o.id()));
		}
		for (CampaignOptionCommand option : options) {
			String name = (option.name() != null) ? option.name().strip() : "";
			if (name.isEmpty() || name.length() > MAX_OPTION_NAME) {
				errors.add(new FieldError("options", Text.of("campaign.option.nameRequired", MAX_OPTION_NAME)));
			}
			else if (!names.add(name.toLowerCase(Locale.ROOT))) {
				errors.add(new FieldError("options", Text.of("campaign.option.nameRepeated", name)));
			}
			if (option.outcomeCode() == null || !codes.contains(option.outcomeCode())) {
				errors.add(new FieldError("options",
						Text.of("campaign.option.outcomeUnknown", name, String.join(", ", codes))));
			}
			if (option.id() != null && !ownIds.contains(option.id())) {
				errors.add(new FieldError("options",
						Text.of("campaign.option.notOfCampaign", String.valueOf(option.id()))));
			}
		}
		return errors;
	}

	private List<FieldError> siteErrors(long tenantId, Interaction interaction, long siteId) {
		ExternalSiteRules rules = this.siteRules.getIfAvailable();
		if (rules == null) {
			return List.of(new FieldError("externalSiteId", Text.of("campaign.siteUnknown", String.valueOf(siteId))));
		}
		return rules.check(tenantId, interaction, siteId);
	}

}
