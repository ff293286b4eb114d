package io.callbridge.crm;

import java.util.Optional;

import io.callbridge.shared.AgentStatus;
import org.jspecify.annotations.Nullable;

/**
 * What a CRM asks of Callbridge, for the connectors' inbound adapters: who is asking
 * (only a connection Callbridge registered), click-to-call for a manager, and a manager's
 * status. The core finds the agent behind the CRM's user id or code and acts as that
 * agent; the adapter only reads its CRM's request and writes its answer.
 */
public interface CrmRequests {

	/**
	 * The enabled connection of this connector whose client id this is (compared in
	 * constant time); empty for anyone else.
	 */
	Optional<CrmConnection> authenticate(String connector, String clientId);

	/**
	 * Click-to-call for the manager: rings the agent's extension on the connection's
	 * account where the agent has one (the first in the connection's order), then the
	 * number.
	 * @param phone the number to call, any format
	 * @param externalPhone the CRM's chosen outgoing number, used as the caller identity
	 * when it is one of the account's
	 */
	CrmRequestOutcome makeCall(CrmConnection connection, CrmUserRef manager, String phone,
			@Nullable String externalPhone);

	/**
	 * Sets the manager's agent status in Callbridge (which the availability sync takes on
	 * to the telephony where the provider has one).
	 */
	CrmRequestOutcome changeStatus(CrmConnection connection, CrmUserRef manager, AgentStatus status);

}
