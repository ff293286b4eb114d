package io.callbridge.sandbox.inbound;

import io.callbridge.telephony.CallEventSink;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.DeadlineCallStartDecider;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.sandbox.SandboxNotification;
import io.callbridge.sandbox.SandboxNotificationListener;
import io.callbridge.sandbox.SandboxProperties;
import io.callbridge.sandbox.SandboxSettings;

import org.springframework.stereotype.Component;

/**
 * Receives the sandbox PBX's notifications like a webhook controller receives a
 * provider's: each is mapped and delivered to the {@link CallEventSink}; a starting call
 * also gets the core's decision, within a deadline, of which the account's
 * {@code routeToResponsible} switch keeps or drops the routing, as Zadarma's does.
 */
@Component
class SandboxNotificationReceiver implements SandboxNotificationListener {

	private final CallEventSink sink;

	private final DeadlineCallStartDecider decider;

	private final TelephonyAccounts accounts;

	SandboxNotificationReceiver(CallEventSink sink, CallStartDecider decider, SandboxProperties properties,
			TelephonyAccounts accounts) {
		this.sink = sink;
		this.decider = new DeadlineCallStartDecider(decider, properties.decisionDeadline());
		this.accounts = accounts;
	}

	@Override
	public CallStartDecision onNotification(long accountId, SandboxNotification notification) {
		SandboxEventMapper.map(accountId, notification).ifPresent(this.sink::accept);
		if (!"call.started".equals(notification.event()) || !"inbound".equals(notification.field("direction"))) {
			return CallStartDecision.proceed();
		}
		// Its events are applied at once (accept), so is a rejection of the call.
		CallStartDecision decision = this.decider.decide(new CallStartQuery(accountId, notification.callId(),
				notification.field("from"), notification.field("to"), false));
		boolean routes = this.accounts.findCached(accountId)
			.map((account) -> SandboxSettings.of(account).routeToResponsible())
			.orElse(true);
		return routes ? decision : new CallStartDecision(decision.callerName(), null, decision.reject());
	}

}
