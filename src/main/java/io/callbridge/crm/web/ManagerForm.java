package io.callbridge.crm.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.ManagerCommand;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.util.MultiValueMap;

/**
 * The managers table as submitted: one row per agent ({@code agent} holds the agent's
 * id), with {@code crmUserId.<agent>} and {@code code.<agent>}. An agent with neither is
 * not related to a CRM user.
 *
 * @param values what was typed, by input name, to show it again when refused
 * @param commands the mapping to save
 */
record ManagerForm(Map<String, String> values, List<ManagerCommand> commands) {

	static ManagerForm fromRequest(MultiValueMap<String, String> params) {
		Map<String, String> values = new LinkedHashMap<>();
		List<ManagerCommand> commands = new ArrayList<>();
		for (String agent : agents(params)) {
			long agentId = agentId(agent);
			String userId = present(params.getFirst("crmUserId." + agentId));
			String code = present(params.getFirst("code." + agentId));
			values.put("crmUserId." + agentId, (userId != null) ? userId : "");
			values.put("code." + agentId, (code != null) ? code : "");
			if (userId != null || code != null) {
				commands.add(new ManagerCommand(agentId, userId, code));
			}
		}
		return new ManagerForm(values, commands);
	}

	// A repeated field may also arrive as one comma-separated value.
	private static List<String> agents(MultiValueMap<String, String> params) {
		return params.getOrDefault("agent", List.of())
			.stream()
			.flatMap((value) -> Arrays.stream(value.split(",")))
			.filter((value) -> !value.isBlank())
			.toList();
	}

	private static long agentId(String value) {
		try {
			return Long.parseLong(value.strip());
		}
		catch (NumberFormatException ex) {
			throw new Problems.InvalidInput("agent", Text.of("crmPage.badAgent", value));
		}
	}

	private static @Nullable String present(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
