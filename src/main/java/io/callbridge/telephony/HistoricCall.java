package io.callbridge.telephony;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A finished call as a provider's statistics or CDR list reports it, provider-neutral.
 *
 * @param providerCallId the provider's id of the call, the same id its live events carry
 * @param direction inbound or outbound
 * @param startedAt when the call started (UTC)
 * @param answeredAt when it was answered (UTC), if the provider's record says so
 * (CallMyWay's {@code connect_time}); {@code null} when unanswered or not reported
 * @param externalNumber the other party's number as the provider sent it, or {@code null}
 * when withheld
 * @param ourLine our number involved, if known
 * @param extension the extension or endpoint that handled the call, if any
 * @param result how it ended
 * @param talkSeconds talk time, if known
 * @param recordingRef the provider's reference to a recording, if recorded
 * @param cost the call's cost, if reported
 * @param currency the cost's currency
 * @param extras further provider fields worth keeping (rate, route…), shown as they are
 */
public record HistoricCall(String providerCallId, CallDirection direction, Instant startedAt,
		@Nullable Instant answeredAt, @Nullable String externalNumber, @Nullable String ourLine,
		@Nullable String extension, CallResult result, @Nullable Integer talkSeconds, @Nullable String recordingRef,
		@Nullable BigDecimal cost, @Nullable String currency, Map<String, String> extras) {

	public HistoricCall {
		Objects.requireNonNull(providerCallId, "providerCallId");
		Objects.requireNonNull(direction, "direction");
		Objects.requireNonNull(startedAt, "startedAt");
		Objects.requireNonNull(result, "result");
		extras = Map.copyOf(extras);
	}

}
