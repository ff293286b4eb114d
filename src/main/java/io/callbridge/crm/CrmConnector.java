package io.callbridge.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.shared.AgentStatus;

/**
 * The CRM-connector port: what an external CRM's adapter does for the core. The core owns
 * the connections, the managers' mapping, the durable and ordered delivery of every push
 * (the webhooks outbox), click-to-call and status changes; an adapter only speaks its
 * CRM's protocol. A second CRM (e.g. Bitrix24) is one more implementation in its own
 * module {@code io.callbridge.crm.<name>}, with no change to the core.
 * <p>
 * Implementations never throw for what the CRM or the network does: every answer is a
 * value saying what happened, in a text fit for an admin.
 */
public interface CrmConnector {

	/** The connector's key, stored on each connection, e.g. {@code retailcrm}. */
	String key();

	/** The CRM's name as users know it, e.g. {@code retailCRM (Simla)}. */
	String displayName();

	/**
	 * The connection fields of this CRM beyond the core's (name, CRM URL, integration
	 * code, accounts): e.g. retailCRM's {@code apiKey} (secret) and {@code site}.
	 */
	List<CrmField> fields();

	/**
	 * Checks the connector's non-secret settings as an admin saves them, before anything
	 * is sent to the CRM (e.g. a time zone that is no zone); by default every value is
	 * accepted.
	 * @param settings the settings by field name
	 * @return what is wrong, naming the setting, or nothing
	 */
	default Optional<CrmCheck.Failed> checkSettings(Map<String, String> settings) {
		return Optional.empty();
	}

	/**
	 * Checks a connection's URL and credentials against the CRM without changing anything
	 * there (the "test connection" action and the save check).
	 */
	CrmCheck check(CrmConnection connection, CrmSecrets secrets);

	/**
	 * Registers (creates or updates) the integration in the CRM: the URLs the CRM calls
	 * back, the events sent, each manager's code.
	 */
	CrmRegistrationResult register(CrmConnection connection, CrmSecrets secrets, CrmRegistration registration);

	/** Sends one push (a call event or a finished call) to the CRM. */
	CrmDeliveryResult deliver(CrmConnection connection, CrmSecrets secrets, CrmPush push);

	/**
	 * Asks the CRM who is responsible for a customer's number, for routing a starting
	 * call; gives up after {@code budget}.
	 * @param e164 the caller's number in E.164
	 */
	CrmLookup responsibleFor(CrmConnection connection, CrmSecrets secrets, String e164, Duration budget);

	/**
	 * The Callbridge status of a status name the CRM sends (retailCRM: {@code free},
	 * {@code busy}, {@code dinner}, {@code break}); empty for a name it does not know.
	 */
	Optional<AgentStatus> statusOf(String crmStatus);

}
