package io.callbridge.statistics;

import io.callbridge.calls.CallDispositionSaved;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallResultCorrected;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps a call's fact up to date, each after its event committed and in a transaction of
 * its own (a failure is retried from the event publication log): on its end, on a later
 * correction of its result, times, agent or cost, and on its disposition. Each rewrites
 * the fact from the call's state now, so events heard late or twice change nothing.
 * Dispositions are saved or changed, never deleted, and nothing else changes them.
 */
@Component
class CallFactListeners {

	private final CallFactWriter writer;

	CallFactListeners(CallFactWriter writer) {
		this.writer = writer;
	}

	@ApplicationModuleListener
	void on(CallEnded event) {
		this.writer.write(event.tenantId(), event.callId());
	}

	@ApplicationModuleListener
	void on(CallResultCorrected event) {
		this.writer.write(event.tenantId(), event.callId());
	}

	@ApplicationModuleListener
	void on(CallDispositionSaved event) {
		this.writer.write(event.tenantId(), event.callId());
	}

}
