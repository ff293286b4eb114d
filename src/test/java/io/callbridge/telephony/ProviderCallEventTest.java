package io.callbridge.telephony;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link ProviderCallEvent#effectiveDedupeKey()} recognises repeated
 * deliveries and tells different events apart.
 */
class ProviderCallEventTest {

	private static final Instant AT = Instant.parse("2025-03-01T10:00:05.250Z");

	private static ProviderCallEvent.Builder ringing() {
		return ProviderCallEvent.of(1L, "call-1", CallEventType.RINGING, AT).extension("101");
	}

	@Test
	void explicitKeyWins() {
		assertThat(ringing().dedupeKey("evt-123").build().effectiveDedupeKey()).isEqualTo("evt-123");
		assertThat(ProviderCallEvent.of(1L, "call-1", CallEventType.ENDED, AT.plusSeconds(60))
			.dedupeKey("evt-123")
			.build()
			.effectiveDedupeKey()).isEqualTo("evt-123");
	}

	@Test
	void blankKeyIsIgnored() {
		assertThat(ringing().dedupeKey("  ").build().effectiveDedupeKey())
			.isEqualTo(ringing().build().effectiveDedupeKey());
	}

	@Test
	void sameContentDerivesTheSameKey() {
		ProviderCallEvent first = ringing().rawPayload("{\"a\":1}").build();
		ProviderCallEvent repeated = ringing().rawPayload("{\"a\":1,\"retry\":true}").build();
		assertThat(repeated.effectiveDedupeKey()).isEqualTo(first.effectiveDedupeKey());
	}

	@Test
	void differentExtensionDerivesADifferentKey() {
		assertThat(ringing().extension("102").build().effectiveDedupeKey())
			.isNotEqualTo(ringing().build().effectiveDedupeKey());
	}

	@Test
	void differentTypeDerivesADifferentKey() {
		ProviderCallEvent answered = ProviderCallEvent.of(1L, "call-1", CallEventType.ANSWERED, AT)
			.extension("101")
			.build();
		assertThat(answered.effectiveDedupeKey()).isNotEqualTo(ringing().build().effectiveDedupeKey());
	}

	@Test
	void differentTimeDerivesADifferentKey() {
		ProviderCallEvent later = ProviderCallEvent.of(1L, "call-1", CallEventType.RINGING, AT.plusMillis(1))
			.extension("101")
			.build();
		assertThat(later.effectiveDedupeKey()).isNotEqualTo(ringing().build().effectiveDedupeKey());
	}

	@Test
	void differentResultOrRecordingDerivesADifferentKey() {
		ProviderCallEvent.Builder ended = ProviderCallEvent.of(1L, "call-1", CallEventType.ENDED, AT);
		String missed = ended.result(CallResult.MISSED).build().effectiveDedupeKey();
		String busy = ended.result(CallResult.BUSY).build().effectiveDedupeKey();
		assertThat(busy).isNotEqualTo(missed);
		ProviderCallEvent.Builder recording = ProviderCallEvent.of(1L, "call-1", CallEventType.RECORDING_AVAILABLE, AT);
		assertThat(recording.recordingRef("rec-1").build().effectiveDedupeKey())
			.isNotEqualTo(recording.recordingRef("rec-2").build().effectiveDedupeKey());
	}

	@Test
	void costAndPayloadDoNotChangeTheDerivedKey() {
		ProviderCallEvent plain = ProviderCallEvent.of(1L, "call-1", CallEventType.ENDED, AT)
			.result(CallResult.ANSWERED)
			.build();
		ProviderCallEvent costed = ProviderCallEvent.of(1L, "call-1", CallEventType.ENDED, AT)
			.result(CallResult.ANSWERED)
			.cost(new BigDecimal("0.02"), "EUR")
			.rawPayload("{}")
			.build();
		assertThat(costed.effectiveDedupeKey()).isEqualTo(plain.effectiveDedupeKey());
	}

}
