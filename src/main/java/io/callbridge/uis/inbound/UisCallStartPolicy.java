package io.callbridge.uis.inbound;

import java.util.Optional;

import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisSettings;

/**
 * The core's call-start decision cut to what the UIS account's settings let the answer do
 * (no refusal without {@code blacklist}, no forwarding without
 * {@code routeToResponsible}, no name without {@code callerName}), so the core hears only
 * the decision UIS was really given: a rejection it records is one UIS carried out.
 */
final class UisCallStartPolicy implements CallStartDecider {

	private final CallStartDecider core;

	private final TelephonyAccounts accounts;

	UisCallStartPolicy(CallStartDecider core, TelephonyAccounts accounts) {
		this.core = core;
		this.accounts = accounts;
	}

	@Override
	public CallStartDecision decide(CallStartQuery query) {
		Optional<UisSettings> settings = this.accounts.findCached(query.accountId()).map(UisSettings::of);
		if (settings.isEmpty()) {
			return CallStartDecision.proceed();
		}
		CallStartDecision decision = this.core.decide(query);
		UisSettings allowed = settings.get();
		return new CallStartDecision(allowed.callerName() ? decision.callerName() : null,
				allowed.routeToResponsible() ? decision.routeToExtension() : null,
				allowed.blacklist() && decision.reject());
	}

	@Override
	public void applied(CallStartQuery query, CallStartDecision decision) {
		this.core.applied(query, decision);
	}

}
