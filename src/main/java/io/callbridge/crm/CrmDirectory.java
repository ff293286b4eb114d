package io.callbridge.crm;

import java.util.List;
import java.util.Optional;

/**
 * The connections as the core's own parts read them (pushes, routing): not for the web
 * layer, which uses {@link CrmConnections}.
 */
public interface CrmDirectory {

	/** The connection, in whatever state, if it exists. */
	Optional<CrmConnection> find(long tenantId, long connectionId);

	/** The enabled connections receiving the calls of a telephony account. */
	List<CrmConnection> serving(long tenantId, long accountId);

	/** Whether the tenant has an enabled connection at all (most have none). */
	boolean anyEnabled(long tenantId);

	/** The connection's decrypted credentials. */
	CrmSecrets secrets(CrmConnection connection);

	/**
	 * The connector of a key.
	 * @throws IllegalStateException when this server has no such connector
	 */
	CrmConnector connector(String key);

	/** The related managers with the codes registered for them. */
	List<CrmManager> managers(CrmConnection connection);

	/**
	 * The agent as the connection's CRM knows them: their CRM user id when related, and
	 * their code (the override, else their extension on the connection's first account
	 * where they have one); empty when neither is known.
	 */
	Optional<CrmManager> manager(CrmConnection connection, long agentId);

	/**
	 * The agent behind a CRM user: by user id first, then by code.
	 */
	Optional<Long> agentOf(CrmConnection connection, CrmUserRef user);

	/**
	 * Notes what a CRM answer said it does not know, for the connection's status (until
	 * the next successful registration).
	 */
	void reportUnknown(long connectionId, List<String> codes, List<String> userIds);

}
