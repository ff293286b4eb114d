package io.callbridge.agents;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callbridge.telephony.ExtensionDirectory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Answers the telephony adapters' questions about agents' extensions.
 */
@Component
class AgentExtensionDirectory implements ExtensionDirectory {

	private final JdbcClient jdbc;

	AgentExtensionDirectory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Optional<String> extensionOf(long agentId, long accountId) {
		return this.jdbc.sql("SELECT extension FROM agent_extensions WHERE agent_id = ? AND account_id = ?")
			.params(agentId, accountId)
			.query(String.class)
			.optional();
	}

	@Override
	public Map<String, String> assignedExtensions(long accountId) {
		Map<String, String> result = new LinkedHashMap<>();
		this.jdbc.sql("""
				SELECT e.extension, u.display_name FROM agent_extensions e JOIN users u ON u.id = e.agent_id
				WHERE e.account_id = ? ORDER BY e.extension""").param(accountId).query((rs) -> {
			result.put(rs.getString("extension"), rs.getString("display_name"));
		});
		return result;
	}

}
