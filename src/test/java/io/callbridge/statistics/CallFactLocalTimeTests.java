package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import io.callbridge.calls.Call;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import io.callbridge.telephony.EventSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A call's fact without Spring: the tenant-local day, hour and weekday of its start in
 * zones with whole and half-hour offsets, a call crossing local midnight counted on its
 * start day, and which calls count as missed.
 */
class CallFactLocalTimeTests {

	private static final ZoneId MEXICO = ZoneId.of("America/Mexico_City");

	@Test
	void aCallCrossingLocalMidnightCountsOnTheDayItStartedWithItsWholeTalkTime() {
		// Sunday 2026-03-01 23:50 in Mexico City (UTC-6) is Monday 05:50 UTC.
		Instant start = Instant.parse("2026-03-02T05:50:00Z");
		Call call = call(CallDirection.INBOUND, CallResult.ANSWERED, start, start.plusSeconds(1800), 1790);

		CallFact fact = CallFact.of(call, null, MEXICO, "zadarma");

		assertThat(fact.localDay()).isEqualTo(LocalDate.of(2026, 3, 1));
		assertThat(fact.localHour()).isEqualTo(23);
		assertThat(fact.weekday()).isEqualTo(7);
		assertThat(fact.talkSeconds()).isEqualTo(1790);
		assertThat(fact.zone()).isEqualTo(MEXICO);
	}

	@Test
	void aHalfHourOffsetMovesTheHourAndTheDay() {
		// 18:45 UTC on Wednesday is 00:15 on Thursday in India (UTC+5:30).
		Instant start = Instant.parse("2026-03-04T18:45:00Z");
		Call call = call(CallDirection.INBOUND, CallResult.ANSWERED, start, start.plusSeconds(60), 50);

		CallFact fact = CallFact.of(call, null, ZoneId.of("Asia/Kolkata"), "zadarma");

		assertThat(fact.localDay()).isEqualTo(LocalDate.of(2026, 3, 5));
		assertThat(fact.localHour()).isZero();
		assertThat(fact.weekday()).isEqualTo(4);
	}

	@Test
	void onTheDayClocksGoForwardTheHourAfterTheGapIsThree() {
		// Europe/Madrid, Sunday 2026-03-29: at 02:00 CET (01:00 UTC) clocks go to 03:00
		// CEST; there is no local hour 2.
		ZoneId madrid = ZoneId.of("Europe/Madrid");
		Instant lastSecondBefore = Instant.parse("2026-03-29T00:59:59Z");
		Instant firstSecondAfter = Instant.parse("2026-03-29T01:00:00Z");
		Instant halfPastThree = Instant.parse("2026-03-29T01:30:00Z");

		CallFact before = CallFact.of(call(CallDirection.INBOUND, CallResult.ANSWERED, lastSecondBefore,
				lastSecondBefore.plusSeconds(60), 50), null, madrid, "zadarma");
		CallFact after = CallFact.of(call(CallDirection.INBOUND, CallResult.ANSWERED, firstSecondAfter,
				firstSecondAfter.plusSeconds(60), 50), null, madrid, "zadarma");
		CallFact later = CallFact.of(
				call(CallDirection.INBOUND, CallResult.ANSWERED, halfPastThree, halfPastThree.plusSeconds(60), 50),
				null, madrid, "zadarma");

		assertThat(before.localHour()).isEqualTo(1);
		assertThat(after.localHour()).isEqualTo(3);
		assertThat(later.localHour()).isEqualTo(3);
		assertThat(later.localDay()).isEqualTo(LocalDate.of(2026, 3, 29));
		assertThat(later.weekday()).isEqualTo(7);
	}

	@ParameterizedTest
	@EnumSource(value = CallResult.class, names = { "MISSED", "BUSY", "CANCELLED", "FAILED" })
	void anInboundCallNobodyAnsweredIsMissed(CallResult result) {
		assertThat(fact(CallDirection.INBOUND, result).missed()).isTrue();
	}

	@ParameterizedTest
	@EnumSource(value = CallResult.class, names = { "ANSWERED", "REJECTED", "NOT_ALLOWED" })
	void anAnsweredRejectedOrNotAllowedCallIsNotMissed(CallResult result) {
		assertThat(fact(CallDirection.INBOUND, result).missed()).isFalse();
	}

	@ParameterizedTest
	@EnumSource(CallResult.class)
	void anOutboundCallIsNeverMissed(CallResult result) {
		assertThat(fact(CallDirection.OUTBOUND, result).missed()).isFalse();
	}

	@Test
	void theDispositionGivesOutcomeAndCharge() {
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		Call call = call(CallDirection.INBOUND, CallResult.ANSWERED, start, start.plusSeconds(60), 55);
		Disposition disposition = new Disposition(call.id(), "payment-promise", "pays Friday", new BigDecimal("12.50"),
				"EUR", 7L, start, start);

		CallFact fact = CallFact.of(call, disposition, MEXICO, "uis");

		assertThat(fact.outcome()).isEqualTo("payment-promise");
		assertThat(fact.chargeAmount()).isEqualByComparingTo("12.50");
		assertThat(fact.chargeCurrency()).isEqualTo("EUR");
		assertThat(fact.provider()).isEqualTo("uis");
	}

	@Test
	void aCallInProgressHasNoFact() {
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		Call inProgress = new Call(1, 1, 1, "p", CallDirection.INBOUND, "+34612345678", null, null, CallState.ANSWERED,
				null, start, start, null, null, null, null, null, null, null, null, null, null, 3, null, null);

		assertThat(CallFact.counts(inProgress)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> CallFact.of(inProgress, null, MEXICO, "zadarma"));
	}

	private static CallFact fact(CallDirection direction, CallResult result) {
		Instant start = Instant.parse("2026-03-04T10:00:00Z");
		return CallFact.of(call(direction, result, start, start.plusSeconds(20), null), null, MEXICO, "zadarma");
	}

	private static Call call(CallDirection direction, CallResult result, Instant start, Instant end, Integer talk) {
		return new Call(1, 1, 1, "p-1", direction, "+34612345678", "612345678", null, CallState.ENDED, result, start,
				(talk != null) ? start.plusSeconds(5) : null, end, 5, talk,
				(int) (end.getEpochSecond() - start.getEpochSecond()), 7L, null, null, null, null, null, 4,
				EventSource.PROVIDER, null);
	}

}
