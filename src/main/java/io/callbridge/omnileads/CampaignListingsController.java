package io.callbridge.omnileads;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignAgent;
import io.callbridge.campaigns.CampaignFilter;
import io.callbridge.campaigns.CampaignState;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' campaign listings for supervisors: {@code supervision/campaigns/} (the
 * caller's campaigns — every one for an admin — filtered by OMniLeads' type and state
 * codes, name and agent), a campaign's agents and their replacement
 * ({@code campaign/agents_update/}).
 */
@RestController
class CampaignListingsController {

	/** OMniLeads' state codes (1 and 6 to 9 have no Callbridge state). */
	private static final Map<Integer, CampaignState> STATES = Map.of(2, CampaignState.ACTIVE, 3, CampaignState.FINISHED,
			4, CampaignState.ARCHIVED, 5, CampaignState.PAUSED);

	private static final Set<Integer> OML_STATES = Set.of(1, 2, 3, 4, 5, 6, 8, 9);

	private final Campaigns campaigns;

	private final Agents agents;

	CampaignListingsController(Campaigns campaigns, Agents agents) {
		this.campaigns = campaigns;
		this.agents = agents;
	}

	@GetMapping({ OmlPaths.DEFAULT + "supervision/campaigns", OmlPaths.DEFAULT + "supervision/campaigns/",
			OmlPaths.TENANT + "supervision/campaigns", OmlPaths.TENANT + "supervision/campaigns/" })
	Object supervised(CurrentUser user, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable String agent, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		Optional<Set<Integer>> types = codes(type, Set.of(1, 2, 3, 4));
		if (types.isEmpty()) {
			return filterError(OmlTexts.TYPE_FILTER_INVALID, language);
		}
		Optional<Set<Integer>> states = (status != null) ? codes(status, OML_STATES) : Optional.of(Set.of(2));
		if (states.isEmpty()) {
			return filterError(OmlTexts.STATUS_FILTER_INVALID, language);
		}
		Set<Long> ofAgent = null;
		if (agent != null) {
			OptionalLong agentId = MakeCallForm.id(Optional.of(agent));
			if (agentId.isEmpty()) {
				return filterError(OmlTexts.AGENT_FILTER_INVALID, language);
			}
			if (this.agents.find(user.tenantId(), agentId.getAsLong()).isEmpty()) {
				return filterError(OmlTexts.AGENT_UNKNOWN, language);
			}
			ofAgent = new HashSet<>();
			for (Campaign campaign : this.campaigns.campaignsOf(agentId.getAsLong())) {
				ofAgent.add(campaign.id());
			}
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		for (Campaign campaign : this.campaigns.list(user.tenantId(), CampaignFilter.all())) {
			if (visible(user, campaign) && matches(campaign, types.get(), states.get(), name, ofAgent)) {
				rows.add(shape(campaign));
			}
		}
		return rows;
	}

	@GetMapping({ OmlPaths.DEFAULT + "campaign/{id}/agents", OmlPaths.DEFAULT + "campaign/{id}/agents/",
			OmlPaths.TENANT + "campaign/{id}/agents", OmlPaths.TENANT + "campaign/{id}/agents/" })
	ResponseEntity<Object> agentsOf(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		Map<String, Object> answer = new LinkedHashMap<>();
		Optional<Campaign> campaign = this.campaigns.find(user.tenantId(), id);
		if (campaign.isEmpty()) {
			answer.put("status", "ERROR");
			answer.put("message", OmlTexts.CAMPAIGN_MISSING.in(language));
			answer.put("agentsCampaign", List.of());
			answer.put("campaign", Map.of());
			return ResponseEntity.status(404).body(answer);
		}
		Map<Long, Agent> users = this.agents.byIds(user.tenantId(),
				this.campaigns.agents(user.tenantId(), id).stream().map(CampaignAgent::agentId).toList());
		answer.put("status", "SUCCESS");
		answer.put("message", OmlTexts.AGENTS_FETCHED.in(language));
		answer.put("agentsCampaign", this.campaigns.agents(user.tenantId(), id).stream().map((member) -> {
			Agent agent = users.get(member.agentId());
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("agent_id", member.agentId());
			row.put("agent_username", (agent != null) ? agent.username() : null);
			row.put("agent_full_name", (agent != null) ? agent.displayName() : null);
			// OMniLeads' SIP extension of its own phone: Callbridge's agents have none.
			row.put("agent_sip_id", null);
			row.put("agent_penalty", member.penalty());
			return row;
		}).toList());
		answer.put("campaign", shape(campaign.get()));
		return ResponseEntity.ok(answer);
	}

	@PostMapping({ OmlPaths.DEFAULT + "campaign/agents_update", OmlPaths.DEFAULT + "campaign/agents_update/",
			OmlPaths.TENANT + "campaign/agents_update", OmlPaths.TENANT + "campaign/agents_update/" })
	ResponseEntity<Object> updateAgents(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		OmlBody body = OmlBody.read(request);
		OptionalLong campaignId = MakeCallForm.id(body.text("campaign_id"));
		if (campaignId.isEmpty() || this.campaigns.find(user.tenantId(), campaignId.getAsLong()).isEmpty()) {
			return status(404, "ERROR", OmlTexts.CAMPAIGN_MISSING_FOR_AGENTS.in(language));
		}
		List<CampaignAgent> members = new ArrayList<>();
		for (JsonNode item : body.node("agents")
			.filter(JsonNode::isArray)
			.orElse(JsonMapper.shared().createArrayNode())) {
			OptionalLong agentId = MakeCallForm.id(Optional.ofNullable(item.get("agent_id")).map(JsonNode::asString));
			if (agentId.isEmpty() || this.agents.find(user.tenantId(), agentId.getAsLong()).isEmpty()) {
				return status(404, "ERROR", OmlTexts.AGENT_MISSING_FOR_QUEUE.in(language));
			}
			OptionalLong penalty = MakeCallForm
				.id(Optional.ofNullable(item.get("agent_penalty")).map(JsonNode::asString));
			members.add(new CampaignAgent(agentId.getAsLong(), penalty.isPresent() ? (int) penalty.getAsLong() : 0));
		}
		try {
			this.campaigns.assignAgents(user, campaignId.getAsLong(), members);
		}
		catch (Problems.Problem refused) {
			return status(400, "ERROR", refused.text().localized());
		}
		return status(200, "SUCCESS", OmlTexts.AGENTS_ADDED.in(language));
	}

	private boolean visible(CurrentUser user, Campaign campaign) {
		return user.isAtLeast(Role.ADMIN) || this.campaigns.isSupervisorOf(campaign.id(), user.userId());
	}

	private static boolean matches(Campaign campaign, Set<Integer> types, Set<Integer> states, @Nullable String name,
			@Nullable Set<Long> ofAgent) {
		return (types.isEmpty() || types.contains(campaign.type().omlCode()))
				&& states.stream().map(STATES::get).anyMatch((state) -> state == campaign.state())
				&& (name == null || campaign.name().contains(name))
				&& (ofAgent == null || ofAgent.contains(campaign.id()));
	}

	// A code or a JSON list of codes, each one OMniLeads knows; no filter gives the empty
	// set (every type).
	private static Optional<Set<Integer>> codes(@Nullable String filter, Set<Integer> valid) {
		if (filter == null) {
			return Optional.of(Set.of());
		}
		try {
			JsonNode parsed = JsonMapper.shared().readTree(filter);
			Set<Integer> codes = new HashSet<>();
			for (JsonNode code : parsed.isArray() ? parsed : JsonMapper.shared().createArrayNode().add(parsed)) {
				if (!code.isInt() || !valid.contains(code.asInt())) {
					return Optional.empty();
				}
				codes.add(code.asInt());
			}
			return Optional.of(codes);
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

	private static Map<String, Object> shape(Campaign campaign) {
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("nombre", campaign.name());
		shape.put("id", campaign.id());
		// OMniLeads' contact goal; Callbridge's campaigns have none.
		shape.put("objetivo", 0);
		return shape;
	}

	private static Map<String, Object> filterError(OmlTexts text, OmlLanguage language) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "ERROR");
		answer.put("message", text.in(language));
		return answer;
	}

	private static ResponseEntity<Object> status(int code, String status, String message) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", status);
		answer.put("message", message);
		return ResponseEntity.status(code).body(answer);
	}

}
