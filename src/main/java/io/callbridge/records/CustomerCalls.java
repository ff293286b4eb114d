package io.callbridge.records;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * Port through which the CRM pages show a customer's calls (on the timeline, on a case)
 * without reading the calls module's tables; the calls module implements it, since it
 * depends on this one.
 */
public interface CustomerCalls {

	/** The customer's latest calls, newest first. */
	List<CustomerCall> recentOf(long tenantId, long customerId, int limit);

	/** The tenant's calls with these ids (those that exist), by id. */
	Map<Long, CustomerCall> byIds(long tenantId, Collection<Long> ids);

	/**
	 * What a CRM page shows of a call.
	 *
	 * @param id call id
	 * @param direction inbound or outbound
	 * @param number the other party's number in E.164, {@code null} when withheld
	 * @param startedAt when it started
	 * @param state where the call is (the calls module's state name)
	 * @param result how it ended, {@code null} while it goes on
	 * @param agentId the agent who has or had it
	 * @param talkSeconds talk time
	 */
	record CustomerCall(long id, CallDirection direction, @Nullable String number, Instant startedAt, String state,
			@Nullable CallResult result, @Nullable Long agentId, @Nullable Integer talkSeconds) {
	}

}
