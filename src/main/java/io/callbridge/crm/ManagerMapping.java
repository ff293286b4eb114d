package io.callbridge.crm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Checks and stores the managers' mapping an admin sends: each entry names an agent of
 * the tenant once, a CRM user id at most one agent has, a code at most one agent has
 * instead of their extension. An entry with neither user id nor code relates nobody.
 * Problems are a 422 naming {@code managers[i].agentId}, {@code .crmUserId} or
 * {@code .code}.
 */
@Component
class ManagerMapping {

	static final int MAX_USER_ID = 100;

	static final int MAX_CODE = 60;

	private final Managers managers;

	private final Agents agents;

	ManagerMapping(Managers managers, Agents agents) {
		this.managers = managers;
		this.agents = agents;
	}

	void replace(StoredConnection stored, @Nullable List<ManagerCommand> given) {
		List<ManagerCommand> commands = (given != null) ? given : List.of();
		long connectionId = stored.id();
		Map<Long, Agent> tenantAgents = new HashMap<>();
		this.agents.list(stored.tenantId()).forEach((agent) -> tenantAgents.put(agent.id(), agent));
		Map<Long, Managers.Row> current = this.managers.rows(connectionId);
		List<FieldError> errors = new ArrayList<>();
		Set<Long> seen = new HashSet<>();
		Map<String, Long> userIds = new HashMap<>();
		Map<String, Long> codes = new HashMap<>();
		List<Managers.Row> rows = new ArrayList<>();
		for (int i = 0; i < commands.size(); i++) {
			ManagerCommand command = commands.get(i);
			String field = "managers[" + i + "].";
			if (command == null || !tenantAgents.containsKey(command.agentId())) {
				errors.add(new FieldError(field + "agentId", Text.of("crm.manager.unknownAgent",
						(command != null) ? String.valueOf(command.agentId()) : "")));
				continue;
			}
			if (!seen.add(command.agentId())) {
				errors.add(new FieldError(field + "agentId",
						Text.of("crm.manager.duplicate", String.valueOf(command.agentId()))));
				continue;
			}
			String userId = Managers.blankToNull(command.crmUserId());
			String code = Managers.blankToNull(command.code());
			if (userId != null && userId.length() > MAX_USER_ID) {
				errors.add(new FieldError(field + "crmUserId", Text.of("crm.manager.userIdTooLong", MAX_USER_ID)));
			}
			else if (userId != null && userIds.containsKey(userId)) {
				errors.add(new FieldError(field + "crmUserId", Text.of("crm.manager.userIdTaken",
						String.valueOf(userId), tenantAgents.get(userIds.get(userId)).displayName())));
			}
			if (code != null && code.length() > MAX_CODE) {
				errors.add(new FieldError(field + "code", Text.of("crm.manager.codeTooLong", MAX_CODE)));
			}
			else if (code != null && codes.containsKey(code)) {
				errors.add(new FieldError(field + "code",
						Text.of("crm.manager.codeTaken", code, tenantAgents.get(codes.get(code)).displayName())));
			}
			remember(userIds, userId, command.agentId());
			remember(codes, code, command.agentId());
			if (userId != null || code != null) {
				rows.add(new Managers.Row(command.agentId(), userId, code,
						stillUnknown(current.get(command.agentId()), userId, code)));
			}
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
		this.managers.replace(connectionId, rows);
	}

	private static void remember(Map<String, Long> taken, @Nullable String value, long agentId) {
		if (value != null) {
			taken.putIfAbsent(value, agentId);
		}
	}

	// What the CRM said it does not know still holds while the same user and code are
	// kept; anything changed is for the next registration to tell.
	private static boolean stillUnknown(Managers.@Nullable Row current, @Nullable String userId,
			@Nullable String code) {
		return current != null && current.unknownToCrm() && Objects.equals(current.crmUserId(), userId)
				&& Objects.equals(current.code(), code);
	}

}
