package io.callbridge.zadarma.outbound;

import java.time.Instant;
import java.util.List;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.HistoricCall;
import io.callbridge.zadarma.outbound.ZadarmaApiClient.PbxStatistic;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Statistics legs grouped into one historic call per {@code pbx_call_id}, with the result
 * mapped as the webhook maps NOTIFY_END.
 */
class ZadarmaCallHistoryTest {

	private static final Instant T = Instant.parse("2024-01-10T10:00:00Z");

	@Test
	void groupsTheLegsOfAnInboundCallAndKeepsTheAnsweringExtension() {
		List<HistoricCall> calls = ZadarmaCallHistory.calls(List.of(
				leg("2.1", "34910000000", T.plusSeconds(20), "34612345678", "101", "answered", 42, true, "in_a"),
				leg("1.1", "34910000000", T, "34612345678", "100", "no answer", 0, false, "in_a")));

		assertThat(calls).singleElement().satisfies((call) -> {
			assertThat(call.providerCallId()).isEqualTo("in_a");
			assertThat(call.direction()).isEqualTo(CallDirection.INBOUND);
			assertThat(call.startedAt()).isEqualTo(T);
			assertThat(call.externalNumber()).isEqualTo("34612345678");
			assertThat(call.extension()).isEqualTo("101");
			assertThat(call.result()).isEqualTo(CallResult.ANSWERED);
			assertThat(call.talkSeconds()).isEqualTo(42);
			assertThat(call.recordingRef()).isEqualTo("2.1");
			assertThat(call.extras()).containsEntry("legs", "2").containsEntry("callIds", "1.1,2.1");
		});
	}

	@Test
	void takesTheOutboundExtensionFromSipAndTheNumberFromDestination() {
		HistoricCall call = only(leg("3.1", "100", T, "100", "34612345678", "busy", 0, false, "out_b"));

		assertThat(call.direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(call.extension()).isEqualTo("100");
		assertThat(call.externalNumber()).isEqualTo("34612345678");
		assertThat(call.result()).isEqualTo(CallResult.BUSY);
		assertThat(call.talkSeconds()).isNull();
		assertThat(call.recordingRef()).isNull();
	}

	@Test
	void inboundDestinationThatIsNoExtensionFallsBackToSip() {
		HistoricCall call = only(leg("4.1", "101", T, "34612345678", "0-1", "cancel", 0, false, "in_c"));

		assertThat(call.extension()).isEqualTo("101");
		assertThat(call.result()).isEqualTo(CallResult.MISSED);
	}

	@Test
	void mapsDispositionsLikeTheWebhook() {
		assertThat(only(leg("5", "100", T, "100", "346", "cancel", 0, false, "out_d")).result())
			.isEqualTo(CallResult.CANCELLED);
		assertThat(only(leg("6", "100", T, "100", "346", "no answer", 0, false, "out_e")).result())
			.isEqualTo(CallResult.MISSED);
		assertThat(only(leg("7", "100", T, "100", "346", "call failed", 0, false, "out_f")).result())
			.isEqualTo(CallResult.FAILED);
		assertThat(only(leg("8", "100", T, "100", "346", "no money", 0, false, "out_g")).result())
			.isEqualTo(CallResult.FAILED);
	}

	@Test
	void withheldCallerHasNoExternalNumber() {
		assertThat(only(leg("9", "100", T, "", "100", "answered", 3, false, "in_h")).externalNumber()).isNull();
	}

	private static HistoricCall only(PbxStatistic leg) {
		List<HistoricCall> calls = ZadarmaCallHistory.calls(List.of(leg));
		assertThat(calls).hasSize(1);
		return calls.get(0);
	}

	private static PbxStatistic leg(String callId, String sip, Instant start, String clid, String destination,
			String disposition, int seconds, boolean recorded, String pbxCallId) {
		return new PbxStatistic(callId, sip, start, clid, destination, disposition, seconds, recorded, pbxCallId);
	}

}
