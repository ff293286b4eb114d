package io.callbridge.crm.push;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.CallTransferred;
import io.callbridge.recordings.CallRecordingAvailable;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Follows the call facts for the CRM connections, each after its fact committed and in a
 * transaction of its own (a failure is retried from the event publication log, never
 * undoing the call). An answer or a transfer counts like a ring for the agent who takes
 * the call: a provider that reports no ringing still opens the CRM's pop-up.
 */
@Component
class CallPushListeners {

	private final CallPushes pushes;

	CallPushListeners(CallPushes pushes) {
		this.pushes = pushes;
	}

	@ApplicationModuleListener
	void on(CallRang event) {
		this.pushes.live(event.tenantId(), event.callId(), event.agentId());
	}

	@ApplicationModuleListener
	void on(CallAnswered event) {
		this.pushes.live(event.tenantId(), event.callId(), event.agentId());
	}

	@ApplicationModuleListener
	void on(CallTransferred event) {
		this.pushes.live(event.tenantId(), event.callId(), event.agentId());
	}

	@ApplicationModuleListener
	void on(CallEnded event) {
		this.pushes.ended(event.tenantId(), event.callId(), event.fromHistory());
	}

	@ApplicationModuleListener
	void on(CallResultCorrected event) {
		this.pushes.corrected(event.tenantId(), event.callId(), event.fromHistory());
	}

	@ApplicationModuleListener
	void on(CallRecordingAvailable event) {
		this.pushes.recordingAvailable(event.tenantId(), event.callId());
	}

}
