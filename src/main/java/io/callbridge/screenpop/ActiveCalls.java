package io.callbridge.screenpop;

import java.time.Instant;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.ClickToCall;
import io.callbridge.calls.application.ClickToCall.ActiveCall;
import io.callbridge.calls.model.CallState;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.CallControl;
import io.callbridge.telephony.HangUpResult;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.telephony.TelephonyProvider;
import io.callbridge.telephony.TelephonyProviders;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The agent's own call in progress as the console shows it, and what the agent can do
 * about it: hang it up where the provider allows it ({@link CallControl}), or close it as
 * over when its end was never reported, so it stops blocking new calls.
 */
@Component
class ActiveCalls {

	private final ClickToCall clickToCall;

	private final Calls calls;

	private final TelephonyAccounts accounts;

	private final TelephonyProviders providers;

	ActiveCalls(ClickToCall clickToCall, Calls calls, TelephonyAccounts accounts, TelephonyProviders providers) {
		this.clickToCall = clickToCall;
		this.calls = calls;
		this.accounts = accounts;
		this.providers = providers;
	}

	/**
	 * The console's view of the agent's call in progress.
	 *
	 * @param call the call
	 * @param number the other party's number for display, {@code null} when withheld
	 * @param mine whether the agent answered or started it (not only rung)
	 * @param canHangUp whether the console can end it (the agent's own call, and the
	 * provider allows it)
	 * @param providerName the provider's name
	 * @param lastEventAt when its last event arrived
	 * @param blocking whether it keeps the agent from starting another call
	 */
	record View(Call call, @Nullable String number, boolean mine, boolean canHangUp, String providerName,
			Instant lastEventAt, boolean blocking) {
	}

	Optional<View> of(CurrentUser user) {
		return this.clickToCall.activeCall(user.tenantId(), user.userId()).map((active) -> view(user, active));
	}

	/**
	 * Asks the provider to end the agent's call; returns what to tell the agent. A call
	 * the provider no longer has is closed for the agent at once.
	 */
	Text hangUp(CurrentUser user, long callId) {
		Call call = this.calls.get(user.tenantId(), callId);
		if (!isMine(user, call)) {
			throw new Problems.Forbidden(Text.of("problem.hangUp.notYours", String.valueOf(callId)));
		}
		if (call.state() == CallState.ENDED) {
			return Text.of("console.hangUp.alreadyEnded");
		}
		TelephonyAccount account = this.accounts.get(user.tenantId(), call.accountId());
		TelephonyProvider provider = this.providers.get(account.provider());
		if (!(provider instanceof CallControl control)) {
			throw new Problems.Conflict(Text.of("problem.hangUp.unsupported", provider.label()));
		}
		HangUpResult result = control.hangUp(account, this.accounts.credentials(account), call.providerCallId());
		return switch (result) {
			case HangUpResult.HungUp hungUp -> Text.of("console.hangUp.done");
			case HangUpResult.NotInProgress gone -> {
				this.clickToCall.close(user, callId);
				yield Text.of("console.hangUp.gone", provider.label());
			}
			case HangUpResult.Refused refused -> throw new Problems.ProviderFailure(
					Text.of("problem.hangUp.refused", provider.label(), refused.reason()));
		};
	}

	/** The agent closes a call whose end was never reported. */
	void close(CurrentUser user, long callId) {
		this.clickToCall.close(user, callId);
	}

	private View view(CurrentUser user, ActiveCall active) {
		Call call = active.call();
		TelephonyProvider provider = this.accounts.find(call.accountId())
			.flatMap((account) -> this.providers.find(account.provider()))
			.orElse(null);
		boolean mine = isMine(user, call);
		return new View(call, (call.externalNumber() != null) ? PhoneNumbers.display(call.externalNumber()) : null,
				mine, mine && provider instanceof CallControl, (provider != null) ? provider.label().localized() : "?",
				active.lastEventAt(), active.blocking());
	}

	private static boolean isMine(CurrentUser user, Call call) {
		return Long.valueOf(user.userId()).equals(call.agentId())
				|| Long.valueOf(user.userId()).equals(call.originatedBy());
	}

}
