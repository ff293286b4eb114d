package io.callbridge.webhooks;

/**
 * What an endpoint receives.
 */
public enum EndpointKind {

	/**
	 * Signed Standard Webhooks: a JSON message per event, POSTed, for the event types its
	 * filters match ({@code call.*}, {@code customer.created} …).
	 */
	WEBHOOK,
	/**
	 * A VCC CRM trigger: the URL is called with VCC's formatted string
	 * ({@code ?AccountID=…&CaseID=…}) for exactly one event type; unsigned unless the
	 * admin turns signing on.
	 */
	CRM_TRIGGER,
	/**
	 * An external site of a campaign ("URL externa" called by the server): one prepared
	 * request per message, unsigned, never matched by event type. Managed by the
	 * campaigns module with its site, hidden from the webhooks admin list.
	 */
	EXTERNAL_SITE,
	/**
	 * A CRM connection's deliveries: each message is delivered by the {@code crm}
	 * module's {@link ConnectorDeliveries} (the CRM's own protocol), never matched by
	 * event type, hidden from the webhooks admin list. Its URL is the CRM's address,
	 * checked by the connector.
	 */
	CONNECTOR

}
