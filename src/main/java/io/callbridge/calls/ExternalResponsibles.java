package io.callbridge.calls;

import java.util.Optional;

/**
 * Another system that knows who is responsible for a caller (a CRM's customer owner),
 * asked by routing before Callbridge's own contact. Implemented by the {@code crm}
 * module; routing works the same without one.
 */
public interface ExternalResponsibles {

	/**
	 * The agent an external system names as responsible for the caller, answered within
	 * the routing decision's deadline (a late answer is ignored by the caller anyway).
	 * @param tenantId tenant
	 * @param accountId the telephony account the call arrives on
	 * @param e164 the caller's number in E.164
	 * @return the agent, when one is named and related to a Callbridge agent
	 */
	Optional<Long> responsibleAgent(long tenantId, long accountId, String e164);

}
