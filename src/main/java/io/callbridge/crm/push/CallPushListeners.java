package io.callbridge.crm.push;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.CallTransferred;
import io.callbridge.followups.ImmediateFollowUps;
import io.callbridge.recordings.CallRecordingAvailable;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Follows the call facts for the CRM connections. The pushes are only queued here (in the
 * webhook outbox, delivered by its worker), so they are planned inside the fact's own
 * transaction and commit with it; should planning fail, the fact still commits and a
 * {@link CallPushDeferred} retries the planning after commit from the event publication
 * log (see {@link ImmediateFollowUps}). An answer or a transfer counts like a ring for
 * the agent who takes the call: a provider that reports no ringing still opens the CRM's
 * pop-up.
 */
@Component
class CallPushListeners {

	private final CallPushes pushes;

	private final ImmediateFollowUps followUps;

	CallPushListeners(CallPushes pushes, ImmediateFollowUps followUps) {
		this.pushes = pushes;
		this.followUps = followUps;
	}

	@EventListener
	void on(CallRang event) {
		live(event.tenantId(), event.callId(), event.agentId());
	}

	@EventListener
	void on(CallAnswered event) {
		live(event.tenantId(), event.callId(), event.agentId());
	}

	@EventListener
	void on(CallTransferred event) {
		live(event.tenantId(), event.callId(), event.agentId());
	}

	@EventListener
	void on(CallEnded event) {
		now(new CallPushDeferred(CallPushDeferred.Fact.ENDED, event.tenantId(), event.callId(), null,
				event.fromHistory()));
	}

	@EventListener
	void on(CallResultCorrected event) {
		now(new CallPushDeferred(CallPushDeferred.Fact.CORRECTED, event.tenantId(), event.callId(), null,
				event.fromHistory()));
	}

	// Published after the recording was fetched, by a follow-up of its own.
	@ApplicationModuleListener
	void on(CallRecordingAvailable event) {
		this.pushes.recordingAvailable(event.tenantId(), event.callId());
	}

	/** The retry of a push whose planning failed inside its fact's transaction. */
	@ApplicationModuleListener
	void on(CallPushDeferred deferred) {
		push(deferred);
	}

	private void live(long tenantId, long callId, @Nullable Long agentId) {
		now(new CallPushDeferred(CallPushDeferred.Fact.LIVE, tenantId, callId, agentId, false));
	}

	private void now(CallPushDeferred push) {
		if (this.pushes.mayPush(push.tenantId())) {
			this.followUps.run("crm-push", () -> push(push), () -> push);
		}
	}

	private void push(CallPushDeferred push) {
		switch (push.fact()) {
			case LIVE -> this.pushes.live(push.tenantId(), push.callId(), push.agentId());
			case ENDED -> this.pushes.ended(push.tenantId(), push.callId(), push.fromHistory());
			case CORRECTED -> this.pushes.corrected(push.tenantId(), push.callId(), push.fromHistory());
		}
	}

}
