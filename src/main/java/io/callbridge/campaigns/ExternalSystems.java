package io.callbridge.campaigns;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callbridge.agents.Agents;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * External systems and their agents' IDs: a name unique in the tenant; within a system
 * each agent has one ID and each ID one agent; an agent may have other IDs in other
 * systems. Saving an existing system warns when agents of its campaigns are left without
 * an ID in it.
 */
@Service
public class ExternalSystems {

	private static final int MAX = 128;

	private final ExternalSystemStore store;

	private final CampaignStore campaigns;

	private final CampaignChecks checks;

	private final Agents agents;

	ExternalSystems(ExternalSystemStore store, CampaignStore campaigns, CampaignChecks checks, Agents agents) {
		this.store = store;
		this.campaigns = campaigns;
		this.checks = checks;
		this.agents = agents;
	}

	public Optional<ExternalSystem> find(long tenantId, long id) {
		return this.store.find(tenantId, id);
	}

	public ExternalSystem get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.externalSystem"), id));
	}

	/** The tenant's systems by name. */
	public List<ExternalSystem> list(long tenantId) {
		return this.store.ids(tenantId).stream().map((id) -> this.store.find(tenantId, id).orElseThrow()).toList();
	}

	/**
	 * Creates ({@code id} null) or changes a system; its links become exactly
	 * {@code links} (see {@link AgentLink#id()}).
	 * @throws Problems.InvalidInput naming the field ({@code name} or {@code agents})
	 */
	@Transactional
	public ExternalSystemSaveResult save(long tenantId, @Nullable Long id, @Nullable String name,
			List<AgentLink> links) {
		if (id != null) {
			get(tenantId, id);
		}
		List<FieldError> errors = errors(tenantId, id, name, links);
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		long systemId;
		if (id == null) {
			systemId = this.store.insert(tenantId, name.strip());
		}
		else {
			systemId = id;
			this.store.rename(id, name.strip());
		}
		this.store.replaceLinks(tenantId, systemId, links);
		List<Text> warnings = (id != null)
				? LinkingRules.systemWarning(agentsWithoutId(tenantId, systemId)).map(List::of).orElse(List.of())
				: List.of();
		return new ExternalSystemSaveResult(get(tenantId, systemId), warnings);
	}

	@Transactional
	public void delete(long tenantId, long id) {
		get(tenantId, id);
		this.store.delete(tenantId, id);
	}

	/** The agent with this ID in the system. */
	public Optional<Long> agentByExternalId(long systemId, String externalId) {
		return this.store.agentByExternalId(systemId, externalId);
	}

	/** The agent's ID in the system. */
	public Optional<String> externalIdOf(long systemId, long agentId) {
		return this.store.externalIdOf(systemId, agentId);
	}

	// The agents of the system's campaigns that have no ID in it.
	private List<String> agentsWithoutId(long tenantId, long systemId) {
		Set<Long> agentIds = new HashSet<>();
		this.campaigns.list(tenantId, CampaignFilter.all())
			.stream()
			.filter((c) -> c.externalSystemId() != null && c.externalSystemId() == systemId)
			.forEach((c) -> this.campaigns.agents(c.id()).forEach((a) -> agentIds.add(a.agentId())));
		return this.checks.agentsWithoutId(tenantId, systemId, List.copyOf(agentIds));
	}

	private List<FieldError> errors(long tenantId, @Nullable Long id, @Nullable String name, List<AgentLink> links) {
		List<FieldError> errors = new ArrayList<>();
		String stripped = (name != null) ? name.strip() : "";
		if (stripped.isEmpty() || stripped.length() > MAX) {
			errors.add(new FieldError("name", Text.of("externalSystem.nameRequired", MAX)));
		}
		else if (this.store.nameTaken(tenantId, stripped, id)) {
			errors.add(new FieldError("name", Text.of("externalSystem.nameTaken", stripped)));
		}
		errors.addAll(linkErrors(tenantId, id, links));
		return errors;
	}

	private List<FieldError> linkErrors(long tenantId, @Nullable Long id, List<AgentLink> links) {
		List<FieldError> errors = new ArrayList<>();
		Set<Long> known = this.agents.byIds(tenantId, links.stream().map(AgentLink::agentId).toList()).keySet();
		Set<Long> ownLinks = new HashSet<>();
		if (id != null) {
			this.store.links(id).forEach((link) -> ownLinks.add(link.id()));
		}
		Set<Long> seenAgents = new HashSet<>();
		Set<String> seenIds = new HashSet<>();
		for (AgentLink link : links) {
			String externalId = (link.externalId() != null) ? link.externalId().strip() : "";
			if (!known.contains(link.agentId())) {
				errors.add(new FieldError("agents",
						Text.of("externalSystem.agentUnknown", String.valueOf(link.agentId()))));
			}
			else if (!seenAgents.add(link.agentId())) {
				errors.add(new FieldError("agents", Text.of("externalSystem.agentRepeated",
						this.agents.get(tenantId, link.agentId()).displayName())));
			}
			if (externalId.isEmpty() || externalId.length() > MAX) {
				errors.add(new FieldError("agents", Text.of("externalSystem.externalIdRequired", MAX)));
			}
			else if (!seenIds.add(externalId)) {
				errors.add(new FieldError("agents", Text.of("externalSystem.externalIdRepeated", externalId)));
			}
			if (link.id() != null && !ownLinks.contains(link.id())) {
				errors.add(
						new FieldError("agents", Text.of("externalSystem.linkNotOfSystem", String.valueOf(link.id()))));
			}
		}
		return errors;
	}

}
