package io.callbridge.callmyway.inbound;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.ProviderCallEvent;
import io.callbridge.callmyway.CallMyWayCdr;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The differences between two polls of CallMyWay's live calls, as normalized events.
 */
class LiveCallDiffTest {

	private static final ZoneId ZONE = ZoneId.of("America/Costa_Rica");

	private static final Set<String> EPS = Set.of("8373456", "8373443");

	private static final Instant POLL = Instant.parse("2017-12-04T16:02:00Z");

	@Test
	void aNewInboundCallStartsAndRingsAtTheAgentsEpFoundInDnis() {
		LiveCall call = live(cdr("c1", "88848787", "8373456", "1970-01-01 00:00:00"));

		List<ProviderCallEvent> events = LiveCallDiff.between(Map.of(), map(call), 7, POLL);

		assertThat(events).extracting(ProviderCallEvent::type)
			.containsExactly(CallEventType.STARTED, CallEventType.RINGING);
		assertThat(events.get(1).extension()).isEqualTo("8373456");
		assertThat(events.get(1).externalNumber()).isEqualTo("88848787");
		assertThat(events.get(1).direction()).isEqualTo(CallDirection.INBOUND);
		assertThat(events.get(0).occurredAt()).isEqualTo(Instant.parse("2017-12-04T16:01:43Z"));
	}

	@Test
	void anOutboundCallHasTheAgentsEpInAniAndTheProspectAsTheOtherParty() {
		LiveCall call = live(cdr("c2", "8373456", "88848787", "2017-12-04 10:01:48"));

		List<ProviderCallEvent> events = LiveCallDiff.between(Map.of(), map(call), 7, POLL);

		assertThat(events).extracting(ProviderCallEvent::type)
			.containsExactly(CallEventType.STARTED, CallEventType.RINGING, CallEventType.ANSWERED);
		assertThat(events.get(2).direction()).isEqualTo(CallDirection.OUTBOUND);
		assertThat(events.get(2).externalNumber()).isEqualTo("88848787");
		assertThat(events.get(2).occurredAt()).isEqualTo(Instant.parse("2017-12-04T16:01:48Z"));
	}

	@Test
	void connectingIsAnAnswerAndLeavingTheListIsAProvisionalEndWithoutResult() {
		LiveCall ringing = live(cdr("c3", "88848787", "8373456", "1970-01-01 00:00:00"));
		LiveCall connected = live(cdr("c3", "88848787", "8373456", "2017-12-04 10:01:50"));

		List<ProviderCallEvent> answered = LiveCallDiff.between(map(ringing), map(connected), 7, POLL);
		List<ProviderCallEvent> same = LiveCallDiff.between(map(connected), map(connected), 7, POLL);
		List<ProviderCallEvent> gone = LiveCallDiff.between(map(connected), Map.of(), 7, POLL);

		assertThat(answered).extracting(ProviderCallEvent::type).containsExactly(CallEventType.ANSWERED);
		assertThat(same).isEmpty();
		assertThat(gone).singleElement().satisfies((end) -> {
			assertThat(end.type()).isEqualTo(CallEventType.ENDED);
			assertThat(end.result()).isNull();
			assertThat(end.occurredAt()).isEqualTo(POLL);
			assertThat(end.effectiveDedupeKey()).isEqualTo(LiveCallDiff.PROVISIONAL_END);
		});
	}

	@Test
	void aCallOfNoKnownEpStillStartsButRingsNobody() {
		LiveCall call = live(cdr("c4", "71022296", "8615601", "1970-01-01 00:00:00"));

		assertThat(LiveCallDiff.between(Map.of(), map(call), 7, POLL)).extracting(ProviderCallEvent::type)
			.containsExactly(CallEventType.STARTED);
	}

	private static LiveCall live(CallMyWayCdr cdr) {
		return LiveCall.of(cdr, EPS, ZONE, POLL);
	}

	private static Map<String, LiveCall> map(LiveCall... calls) {
		Map<String, LiveCall> map = new LinkedHashMap<>();
		for (LiveCall call : calls) {
			map.put(call.callId(), call);
		}
		return map;
	}

	private static CallMyWayCdr cdr(String id, String ani, String dnis, String connect) {
		return new CallMyWayCdr(id, ani, dnis, "2017-12-04 10:01:43", connect, 0, ani, "", BigDecimal.ZERO,
				BigDecimal.ZERO, new BigDecimal("25.185"), "5068", "COSTA RICA MOBILE ICE", "43715", "");
	}

}
