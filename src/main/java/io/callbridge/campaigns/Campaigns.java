package io.callbridge.campaigns;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns: reading them, saving one with its agents and disposition options under
 * OMniLeads' linking rules (errors refuse the save; warnings come back with the saved
 * campaign), and who takes part in which. Supervisors and admins manage them.
 */
@Service
public class Campaigns {

	private final CampaignStore store;

	private final CampaignChecks checks;

	private final ContactService phones;

	Campaigns(CampaignStore store, CampaignChecks checks, ContactService phones) {
		this.store = store;
		this.checks = checks;
		this.phones = phones;
	}

	public Optional<Campaign> find(long tenantId, long id) {
		return this.store.find(tenantId, id);
	}

	/** A campaign of the tenant; another tenant's is "not found". */
	public Campaign get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.campaign"), id));
	}

	public List<Campaign> list(long tenantId, CampaignFilter filter) {
		return this.store.list(tenantId, filter);
	}

	/**
	 * Creates ({@code id} null) or changes a campaign.
	 * @param user who saves it (supervisor or admin; a supervisor creating one becomes
	 * one of its supervisors)
	 * @param id the campaign changed, or {@code null}
	 * @param command what was submitted
	 * @return the saved campaign and the warnings it was saved despite
	 * @throws Problems.InvalidInput with every error, each naming its field
	 */
	@Transactional
	public SaveResult save(CurrentUser user, @Nullable Long id, CampaignCommand command) {
		user.require(Role.SUPERVISOR);
		long tenantId = user.tenantId();
		Campaign existing = (id != null) ? get(tenantId, id) : null;
		List<FieldError> errors = new ArrayList<>(this.checks.errors(tenantId, existing, command));
		String line = storedLine(tenantId, command.inboundLine());
		if (errors.isEmpty() && line != null && command.inboundAccountId() != null) {
			errors.addAll(this.checks.lineTaken(command.inboundAccountId(), line, id));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		Campaign campaign = toCampaign(tenantId, existing, command, line);
		long savedId;
		if (existing == null) {
			savedId = this.store.insert(tenantId, campaign);
			if (user.role() == Role.SUPERVISOR) {
				this.store.addSupervisor(savedId, user.userId());
			}
		}
		else {
			savedId = existing.id();
			this.store.update(campaign);
		}
		if (command.agentIds() != null) {
			replaceAgents(tenantId, savedId, command.agentIds());
		}
		if (command.options() != null) {
			this.store.replaceOptions(tenantId, savedId, command.options());
		}
		return result(get(tenantId, savedId));
	}

	/**
	 * Makes the campaign's agents these (OMniLeads' agents_update); warns of those
	 * without an ID in the campaign's external system.
	 */
	@Transactional
	public SaveResult assignAgents(CurrentUser user, long campaignId, List<CampaignAgent> agents) {
		user.require(Role.SUPERVISOR);
		Campaign campaign = get(user.tenantId(), campaignId);
		List<FieldError> errors = this.checks.errors(user.tenantId(), campaign,
				commandOf(campaign).withAgents(agents.stream().map(CampaignAgent::agentId).toList()));
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		this.store.replaceAgents(user.tenantId(), campaignId, distinct(agents));
		return result(campaign);
	}

	/** The campaign's agents. */
	public List<CampaignAgent> agents(long tenantId, long campaignId) {
		get(tenantId, campaignId);
		return this.store.agents(campaignId);
	}

	/** Every disposition option of the campaign, hidden ones too, in order. */
	public List<CampaignOption> options(long campaignId) {
		return this.store.options(campaignId);
	}

	/** The options an agent may choose now: the campaign's visible ones, in order. */
	public List<CampaignOption> visibleOptions(long campaignId) {
		return options(campaignId).stream().filter((o) -> !o.hidden()).toList();
	}

	/** An option of any campaign of the tenant. */
	public Optional<CampaignOption> option(long tenantId, long optionId) {
		return this.store.option(tenantId, optionId);
	}

	/** The campaign of an external system with this external ID (any state). */
	public Optional<Campaign> byExternalId(long tenantId, long systemId, String externalId) {
		return this.store.byExternalId(tenantId, systemId, externalId);
	}

	public boolean isAgentOf(long campaignId, long agentId) {
		return this.store.isAgentOf(campaignId, agentId);
	}

	/** Whether the user is one of the campaign's supervisors. */
	public boolean isSupervisorOf(long campaignId, long userId) {
		return this.store.isSupervisorOf(campaignId, userId);
	}

	/** The campaigns the agent is assigned to, by name. */
	public List<Campaign> campaignsOf(long agentId) {
		return this.store.campaignsOf(agentId);
	}

	/** The tenant's campaigns' names by id, ordered by name. */
	public Map<Long, String> names(long tenantId) {
		return this.store.names(tenantId);
	}

	private SaveResult result(Campaign campaign) {
		return new SaveResult(campaign,
				LinkingRules.warnings(campaign.externalSystemId() != null, this.checks.warningFacts(campaign)));
	}

	private void replaceAgents(long tenantId, long campaignId, List<Long> agentIds) {
		Map<Long, Integer> penalties = this.store.agents(campaignId)
			.stream()
			.collect(Collectors.toMap(CampaignAgent::agentId, CampaignAgent::penalty));
		this.store.replaceAgents(tenantId, campaignId,
				distinct(agentIds.stream().map((a) -> new CampaignAgent(a, penalties.getOrDefault(a, 0))).toList()));
	}

	private static List<CampaignAgent> distinct(List<CampaignAgent> agents) {
		return List.copyOf(agents.stream()
			.collect(Collectors.toMap(CampaignAgent::agentId, Function.identity(), (a, b) -> b,
					java.util.LinkedHashMap::new))
			.values());
	}

	// A line that is a phone number is kept in E.164, as calls report our line.
	private @Nullable String storedLine(long tenantId, @Nullable String line) {
		if (line == null || line.isBlank()) {
			return null;
		}
		return (this.phones.normalize(tenantId, line.strip()) instanceof PhoneNumber.Valid valid) ? valid.e164()
				: line.strip();
	}

	private static Campaign toCampaign(long tenantId, @Nullable Campaign existing, CampaignCommand c,
			@Nullable String line) {
		Instant now = Instant.now();
		String externalId = (c.externalId() != null && !c.externalId().isBlank()) ? c.externalId().strip() : null;
		return new Campaign((existing != null) ? existing.id() : 0, tenantId, c.name().strip(), c.type(),
				(c.state() != null) ? c.state() : CampaignState.ACTIVE, c.contactDatabaseId(),
				(c.interaction() != null) ? c.interaction() : Interaction.FORM, c.externalSiteId(),
				c.externalSystemId(), externalId, (c.duplicates() != null) ? c.duplicates() : DuplicatePolicy.ALLOW,
				(line != null) ? c.inboundAccountId() : null, line, (existing != null) ? existing.createdAt() : now,
				now);
	}

	/** The campaign as a command that changes nothing. */
	static CampaignCommand commandOf(Campaign c) {
		return new CampaignCommand(c.name(), c.type(), c.state(), c.contactDatabaseId(), c.interaction(),
				c.externalSiteId(), c.externalSystemId(), c.externalId(), c.duplicates(), c.inboundAccountId(),
				c.inboundLine(), null, null);
	}

}
