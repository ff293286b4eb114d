package io.callbridge.calls.application;

import java.math.BigDecimal;
import java.time.Instant;

import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallEventType;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import io.callbridge.telephony.ProviderCallEvent;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form in which an event waits in the inbox: it leaves out absent fields, reads back
 * as the event it was, and nodes of the version before (which wrote every null and read
 * with Jackson's defaults) read it and are read.
 */
class InboxEventFormTests {

	private static final Instant AT = Instant.parse("2026-12-06T10:15:30.123Z");

	/** How a node of the version before wrote and read the stored form. */
	private static final JsonMapper BEFORE = JsonMapper.shared();

	@Test
	void anEventWithFewFieldsIsStoredWithoutItsAbsentOnesAndReadBackAsItWas() {
		ProviderCallEvent ringing = ProviderCallEvent.of(7, "call-1", CallEventType.RINGING, AT)
			.extension("101")
			.rawPayload("event=NOTIFY_INTERNAL&internal=101")
			.build();

		String stored = InboxApplier.encode(ringing);

		assertThat(stored).doesNotContain("null").doesNotContain("\"cost\"").contains("\"extension\":\"101\"");
		assertThat(stored.length()).isLessThan(BEFORE.writeValueAsString(ringing).length() - 100);
		assertThat(InboxApplier.decode(stored)).isEqualTo(ringing);
	}

	@Test
	void anEventWithEveryFieldIsReadBackAsItWas() {
		ProviderCallEvent ended = full();

		assertThat(InboxApplier.decode(InboxApplier.encode(ended))).isEqualTo(ended);
	}

	@Test
	void whatTheVersionBeforeStoredIsReadAndItReadsWhatThisOneStores() {
		ProviderCallEvent ringing = ProviderCallEvent.of(7, "call-1", CallEventType.RINGING, AT)
			.rawPayload("event=NOTIFY_INTERNAL")
			.build();
		ProviderCallEvent ended = full();

		assertThat(InboxApplier.decode(BEFORE.writeValueAsString(ringing))).isEqualTo(ringing);
		assertThat(InboxApplier.decode(BEFORE.writeValueAsString(ended))).isEqualTo(ended);
		assertThat(BEFORE.readValue(InboxApplier.encode(ringing), ProviderCallEvent.class)).isEqualTo(ringing);
		assertThat(BEFORE.readValue(InboxApplier.encode(ended), ProviderCallEvent.class)).isEqualTo(ended);
	}

	private static ProviderCallEvent full() {
		return ProviderCallEvent.of(7, "call-2", CallEventType.ENDED, AT)
			.direction(CallDirection.INBOUND)
			.externalNumber("+34911234567")
			.ourLine("+34910000000")
			.extension("102")
			.transferFrom("101")
			.result(CallResult.ANSWERED)
			.talkSeconds(42)
			.recordingRef("rec-9")
			.cost(new BigDecimal("0.0450"), "EUR")
			.dedupeKey("END|call-2")
			.rawPayload("event=NOTIFY_END&duration=42")
			.source(EventSource.HISTORY)
			.build();
	}

}
