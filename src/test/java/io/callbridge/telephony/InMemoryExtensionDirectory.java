package io.callbridge.telephony;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Agents' extensions in memory, for adapter tests without the agents module: which
 * extension each agent has on each account, and the agent's name.
 */
public final class InMemoryExtensionDirectory implements ExtensionDirectory {

	private final Map<Long, Map<String, Assignment>> byAccount = new ConcurrentHashMap<>();

	/** Gives the agent the extension on the account. */
	public InMemoryExtensionDirectory assign(long accountId, long agentId, String extension, String agentName) {
		this.byAccount.computeIfAbsent(accountId, (id) -> new ConcurrentHashMap<>())
			.put(extension, new Assignment(agentId, agentName));
		return this;
	}

	@Override
	public Optional<String> extensionOf(long agentId, long accountId) {
		return this.byAccount.getOrDefault(accountId, Map.of())
			.entrySet()
			.stream()
			.filter((e) -> e.getValue().agentId() == agentId)
			.map(Map.Entry::getKey)
			.findFirst();
	}

	@Override
	public Map<String, String> assignedExtensions(long accountId) {
		Map<String, String> result = new LinkedHashMap<>();
		this.byAccount.getOrDefault(accountId, Map.of())
			.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((e) -> result.put(e.getKey(), e.getValue().agentName()));
		return result;
	}

	private record Assignment(long agentId, String agentName) {
	}

}
