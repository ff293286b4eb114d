package io.callbridge.webhooks;

/**
 * Sends the messages of {@link EndpointKind#CONNECTOR} endpoints: instead of an HTTP
 * request built here, the module managing the endpoint (the {@code crm} module) delivers
 * each claimed message its own way and says what came of it. The outbox keeps everything
 * else: durability, order per record, claims on the database's clock, the retry schedule,
 * the attempt log, disabling after failing and replays.
 */
public interface ConnectorDeliveries {

	/**
	 * Delivers one claimed message; never throws (a failure is an answer).
	 */
	ConnectorAnswer deliver(ConnectorMessage message);

}
