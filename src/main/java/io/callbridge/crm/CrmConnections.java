package io.callbridge.crm;

import java.util.List;

/**
 * A tenant's CRM connections, for the web layer (API and pages): settings with encrypted
 * credentials, the "check" and "connect" actions, the managers' mapping, and each
 * connection's status. Every method is scoped by tenant; an unknown id is a 404 problem,
 * bad input a 422 problem naming the field.
 */
public interface CrmConnections {

	/** The connectors this server has, for the "new connection" form. */
	List<ConnectorInfo> connectors();

	List<ConnectionView> list(long tenantId);

	ConnectionView get(long tenantId, long id);

	/**
	 * Creates a connection (enabled or not as asked); nothing is sent to the CRM until
	 * {@link #connect}.
	 */
	ConnectionView create(long tenantId, ConnectionCommand command);

	/**
	 * Changes a connection; a secret left out (or blank) keeps its stored value. A change
	 * of what is registered (URLs, codes) makes it registered again.
	 */
	ConnectionView update(long tenantId, long id, ConnectionCommand command);

	/** Deletes a connection with its pending deliveries; nothing is sent to the CRM. */
	void delete(long tenantId, long id);

	/** Checks the stored URL and credentials against the CRM, changing nothing there. */
	CrmCheck check(long tenantId, long id);

	/**
	 * Registers the integration in the CRM now and keeps the CRM's answer as the
	 * connection's registration status.
	 */
	ConnectionView connect(long tenantId, long id);

	/** Every agent of the tenant with their relation to the connection's CRM users. */
	List<ManagerView> managers(long tenantId, long id);

	/**
	 * Replaces the managers' mapping (agents left out are no longer related); the
	 * integration is registered again when the codes changed.
	 */
	List<ManagerView> saveManagers(long tenantId, long id, List<ManagerCommand> managers);

}
