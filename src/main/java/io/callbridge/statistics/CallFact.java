package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.callbridge.calls.Call;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.model.CallState;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * One ended call as the statistics count it (a row of {@code call_facts} without its
 * call-back time, which depends on the other calls of the number): its tenant-local day,
 * hour and weekday of the start, whether it was missed, and its disposition.
 *
 * @param callId the call
 * @param tenantId tenant
 * @param callVersion the call's version this was computed from
 * @param zone the tenant's time zone the local figures are in
 * @param startedAt start
 * @param endedAt end
 * @param localDay the local day of the start (a call crossing midnight counts on it)
 * @param localHour the local hour of the start, 0 to 23
 * @param weekday the ISO weekday of the start, 1 = Monday … 7 = Sunday
 * @param accountId telephony account
 * @param provider the account's provider key
 * @param agentId the agent who had the call
 * @param campaignId campaign
 * @param direction direction
 * @param result how it ended
 * @param missed whether it is an inbound call nobody answered (rejected and not allowed
 * calls are not missed)
 * @param ringSeconds ring (wait) time
 * @param talkSeconds talk time
 * @param cost the provider's cost
 * @param currency the cost's currency
 * @param outcome the disposition's outcome code
 * @param chargeAmount the disposition's charge
 * @param chargeCurrency the charge's currency
 * @param externalNumber the other party's number, {@code null} when withheld
 */
record CallFact(long callId, long tenantId, long callVersion, ZoneId zone, Instant startedAt, Instant endedAt,
		LocalDate localDay, int localHour, int weekday, long accountId, String provider, @Nullable Long agentId,
		@Nullable Long campaignId, CallDirection direction, CallResult result, boolean missed,
		@Nullable Integer ringSeconds, @Nullable Integer talkSeconds, @Nullable BigDecimal cost,
		@Nullable String currency, @Nullable String outcome, @Nullable BigDecimal chargeAmount,
		@Nullable String chargeCurrency, @Nullable String externalNumber) {

	/** The results of an inbound call that count as missed. */
	static final Set<CallResult> MISSED = EnumSet.of(CallResult.MISSED, CallResult.BUSY, CallResult.CANCELLED,
			CallResult.FAILED);

	/**
	 * Whether the call is one the statistics count: ended, with a result and an end.
	 * @param call the call
	 * @return whether {@link #of} takes it
	 */
	static boolean counts(Call call) {
		return call.state() == CallState.ENDED && call.result() != null && call.endedAt() != null;
	}

	/**
	 * The fact of an ended call, its local figures in the given zone.
	 * @param call the call, {@linkplain #counts counted}
	 * @param disposition its disposition, if any
	 * @param zone the tenant's time zone now
	 * @param provider the provider key of the call's account
	 * @return the fact
	 */
	static CallFact of(Call call, @Nullable Disposition disposition, ZoneId zone, String provider) {
		if (!counts(call)) {
			throw new IllegalArgumentException("Call " + call.id() + " has not ended");
		}
		CallResult result = Objects.requireNonNull(call.result());
		ZonedDateTime local = call.startedAt().atZone(zone);
		boolean missed = call.direction() == CallDirection.INBOUND && MISSED.contains(result);
		return new CallFact(call.id(), call.tenantId(), call.version(), zone, call.startedAt(),
				Objects.requireNonNull(call.endedAt()), local.toLocalDate(), local.getHour(),
				local.getDayOfWeek().getValue(), call.accountId(), provider, call.agentId(), call.campaignId(),
				call.direction(), result, missed, call.ringSeconds(), call.talkSeconds(), call.cost(), call.currency(),
				(disposition != null) ? disposition.outcome() : null,
				(disposition != null) ? disposition.chargeAmount() : null,
				(disposition != null) ? disposition.chargeCurrency() : null, call.externalNumber());
	}

}
