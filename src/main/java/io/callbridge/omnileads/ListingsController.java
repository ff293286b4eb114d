package io.callbridge.omnileads;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' listings for supervisors: its agents (every enabled user of the tenant, with
 * Callbridge's user id as OMniLeads' agent id) and the agents to assign to an external
 * system (every user).
 */
@RestController
class ListingsController {

	private final Agents agents;

	ListingsController(Agents agents) {
		this.agents = agents;
	}

	@GetMapping({ OmlPaths.DEFAULT + "agent/list", OmlPaths.DEFAULT + "agent/list/", OmlPaths.TENANT + "agent/list",
			OmlPaths.TENANT + "agent/list/" })
	List<Map<String, Object>> agents(CurrentUser user, HttpServletRequest request) {
		OmlAccess.requireSupervisor(user, OmlLanguage.of(request));
		return users(user).stream().filter(Agent::enabled).map((agent) -> {
			Map<String, Object> row = agentRow(agent);
			// OMniLeads' agent groups: Callbridge has none.
			row.put("group", null);
			return row;
		}).toList();
	}

	@GetMapping({ OmlPaths.DEFAULT + "agents_external_system", OmlPaths.DEFAULT + "agents_external_system/",
			OmlPaths.TENANT + "agents_external_system", OmlPaths.TENANT + "agents_external_system/" })
	Map<String, Object> agentsForExternalSystems(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlAccess.requireSupervisor(user, language);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "SUCCESS");
		answer.put("message", OmlTexts.AGENTS_FETCHED.in(language));
		answer.put("agents", users(user).stream().map(ListingsController::agentRow).toList());
		return answer;
	}

	private List<Agent> users(CurrentUser user) {
		return this.agents.list(user.tenantId()).stream().sorted(Comparator.comparingLong(Agent::id)).toList();
	}

	private static Map<String, Object> agentRow(Agent agent) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", agent.id());
		row.put("username", agent.username());
		row.put("full_name", agent.displayName());
		return row;
	}

}
