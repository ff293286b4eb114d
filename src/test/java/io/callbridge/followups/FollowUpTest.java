package io.callbridge.followups;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a publication is shown: short listener and event names, its module, and only the
 * event's identifiers.
 */
class FollowUpTest {

	@Test
	void showsOnlyTheEventsIdentifiers() {
		assertThat(FollowUp.keys("""
				{"tenantId":7,"callId":42,"recordingRef":"https://secret.example/r?token=abc","ready":true,
				 "receivedAt":"2026-01-01T10:00:00Z","agentId":null,"nested":{"tenantId":9},"scriptId":"s-1"}"""))
			.containsExactly(entry("tenantId", 7L), entry("callId", 42L), entry("scriptId", "s-1"));
	}

	@Test
	void eventThatIsNotJsonHasNoIdentifiers() {
		assertThat(FollowUp.keys("not json")).isEmpty();
		assertThat(FollowUp.keys("[1,2]")).isEmpty();
	}

	@Test
	void namesListenersShortAndByModule() {
		String listener = "io.callbridge.screenpop.CallPopListener.on(io.callbridge.calls.CallRang)";

		assertThat(FollowUp.shortName(listener)).isEqualTo("CallPopListener.on(CallRang)");
		assertThat(FollowUp.module(listener)).isEqualTo("screenpop");
		assertThat(FollowUp.module("org.example.crm.Pusher.on(org.example.Event)")).isEqualTo("org.example.crm");
		assertThat(FollowUp.shortName("io.callbridge.calls.CallRang")).isEqualTo("CallRang");
	}

	@Test
	void describesAFailureWithItsRootCause() {
		IllegalStateException failure = new IllegalStateException("CRM refused",
				new java.io.IOException("connection reset"));

		assertThat(ListenerFailures.describe(failure))
			.isEqualTo("IllegalStateException: CRM refused (cause: IOException: connection reset)");
		assertThat(ListenerFailures.describe(new NullPointerException())).isEqualTo("NullPointerException");
	}

	private static java.util.Map.Entry<String, Object> entry(String key, Object value) {
		return java.util.Map.entry(key, value);
	}

}
