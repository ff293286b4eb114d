package io.callbridge.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallRang;
import io.callbridge.calls.CallResultCorrected;
import io.callbridge.calls.CallTransferred;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;

/** Records every call fact published, by call: import it into a test's context. */
@TestConfiguration
public class CallFactsRecorder {

	private final List<Object> facts = Collections.synchronizedList(new ArrayList<>());

	@EventListener({ CallRang.class, CallAnswered.class, CallTransferred.class, CallEnded.class,
			CallResultCorrected.class })
	void on(Object fact) {
		this.facts.add(fact);
	}

	public List<Object> of(long callId) {
		synchronized (this.facts) {
			return this.facts.stream().filter((f) -> callId(f) == callId).toList();
		}
	}

	public static long callId(Object fact) {
		return switch (fact) {
			case CallRang e -> e.callId();
			case CallAnswered e -> e.callId();
			case CallTransferred e -> e.callId();
			case CallEnded e -> e.callId();
			case CallResultCorrected e -> e.callId();
			default -> throw new IllegalArgumentException(String.valueOf(fact));
		};
	}

	public static long version(Object fact) {
		return switch (fact) {
			case CallRang e -> e.version();
			case CallAnswered e -> e.version();
			case CallTransferred e -> e.version();
			case CallEnded e -> e.version();
			case CallResultCorrected e -> e.version();
			default -> throw new IllegalArgumentException(String.valueOf(fact));
		};
	}

}
