package io.callbridge.telephony;

import java.util.Map;
import java.util.Optional;

/**
 * Port through which provider adapters learn which extension an agent has, without
 * depending on the agents module (which implements it).
 */
public interface ExtensionDirectory {

	/** The agent's extension on the account, if any. */
	Optional<String> extensionOf(long agentId, long accountId);

	/** Every assigned extension of the account, with the name of the agent on it. */
	Map<String, String> assignedExtensions(long accountId);

}
