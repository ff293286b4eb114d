package io.callbridge.calls;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.records.CustomerCalls;

import org.springframework.stereotype.Component;

/**
 * The calls module's answer to the CRM pages' {@link CustomerCalls} port: a customer's
 * calls as the timeline and the case pages show them.
 */
@Component
class CallsOfCustomers implements CustomerCalls {

	private final Calls calls;

	CallsOfCustomers(Calls calls) {
		this.calls = calls;
	}

	@Override
	public List<CustomerCall> recentOf(long tenantId, long customerId, int limit) {
		return this.calls.recentForContact(tenantId, customerId, limit).stream().map(CallsOfCustomers::view).toList();
	}

	@Override
	public Map<Long, CustomerCall> byIds(long tenantId, Collection<Long> ids) {
		Map<Long, CustomerCall> byId = new LinkedHashMap<>();
		for (Long id : ids) {
			this.calls.find(tenantId, id).ifPresent((call) -> byId.put(call.id(), view(call)));
		}
		return byId;
	}

	private static CustomerCall view(Call call) {
		return new CustomerCall(call.id(), call.direction(), call.externalNumber(), call.startedAt(),
				call.state().name(), call.result(), call.agentId(), call.talkSeconds());
	}

}
