package io.callbridge.statistics;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * The dashboard's aggregates for one filter, every figure over the ended calls it counts.
 * Days, hours and weekdays are the tenant's local ones of each call's start.
 *
 * @param filter the calls counted
 * @param zone the tenant's time zone the days and hours are in
 * @param totals headline figures
 * @param byDay one entry per day of the period, in order, days without calls included
 * @param byHour 24 entries, hour 0 to 23 of the local day, over the whole period
 * @param heatmap 7 × 24 cells (ISO weekday 1 = Monday … 7, hour 0 … 23), every cell
 * present
 * @param agents one row per agent who had calls (and one with {@code agentId}
 * {@code null} for calls nobody had), most calls first
 * @param outcomes one row per disposition outcome used, most calls first
 * @param costs the provider's cost of the calls per provider and currency, in that order
 */
public record Dashboard(StatisticsFilter filter, String zone, Totals totals, List<DayCount> byDay,
		List<HourCount> byHour, List<HeatCell> heatmap, List<AgentRow> agents, List<OutcomeRow> outcomes,
		List<CostRow> costs) {

	/**
	 * Headline figures.
	 *
	 * @param calls calls counted
	 * @param answered calls answered
	 * @param missed inbound calls not answered: missed, busy, cancelled by the caller or
	 * failed (calls Callbridge or the provider rejected are not missed)
	 * @param answerRate answered ÷ the calls that could be answered (all but rejected and
	 * not allowed), {@code null} without such calls
	 * @param calledBackWithin1h missed calls whose number was called (an outbound call
	 * started) within one hour of their end
	 * @param calledBackWithin24h the same within 24 hours (includes the first)
	 * @param averageWaitSeconds average ring (wait) time of the calls whose ring time is
	 * known and that could be answered, {@code null} without any
	 * @param p90WaitSeconds the 90th percentile of the same (the smallest value that at
	 * least 90 % of them do not exceed: nearest rank, as PostgreSQL's
	 * {@code PERCENTILE_DISC(0.9)})
	 * @param averageTalkSeconds average talk time of the answered calls
	 * @param p90TalkSeconds the 90th percentile of the same
	 * @param talkSeconds total talk time of the answered calls
	 */
	public record Totals(long calls, long answered, long missed, @Nullable Double answerRate, long calledBackWithin1h,
			long calledBackWithin24h, @Nullable Double averageWaitSeconds, @Nullable Integer p90WaitSeconds,
			@Nullable Double averageTalkSeconds, @Nullable Integer p90TalkSeconds, long talkSeconds) {
	}

	/**
	 * Calls of one local day.
	 *
	 * @param day the day
	 * @param calls calls counted
	 * @param byResult calls per result, every result present (zero when none)
	 */
	public record DayCount(LocalDate day, long calls, Map<CallResult, Long> byResult) {
	}

	/**
	 * Calls of one hour of the day over the period.
	 *
	 * @param hour 0 to 23
	 * @param calls calls counted
	 * @param byResult calls per result, every result present
	 */
	public record HourCount(int hour, long calls, Map<CallResult, Long> byResult) {
	}

	/**
	 * Calls that started on one weekday at one hour, over the period.
	 *
	 * @param weekday ISO weekday, 1 = Monday … 7 = Sunday
	 * @param hour 0 to 23
	 * @param calls calls counted
	 */
	public record HeatCell(int weekday, int hour, long calls) {
	}

	/**
	 * One agent's calls.
	 *
	 * @param agentId the agent, {@code null} for calls nobody had
	 * @param name the agent's display name (empty for the {@code null} agent and for an
	 * agent since deleted)
	 * @param calls calls
	 * @param answered answered calls
	 * @param talkSeconds total talk time of the answered calls
	 * @param outcomes disposition outcome code → calls, most calls first
	 * @param charges charges recorded in dispositions, per currency, by currency code
	 */
	public record AgentRow(@Nullable Long agentId, String name, long calls, long answered, long talkSeconds,
			Map<String, Long> outcomes, List<Money> charges) {
	}

	/**
	 * One disposition outcome.
	 *
	 * @param code outcome code
	 * @param label its label as stored (the code when the outcome no longer exists)
	 * @param labelKey the message key of a seeded outcome's label, which the web layer
	 * shows in the reader's language instead of {@code label}
	 * @param calls calls with that outcome
	 * @param charges charges recorded with it, per currency, by currency code
	 */
	public record OutcomeRow(String code, String label, @Nullable String labelKey, long calls, List<Money> charges) {
	}

	/**
	 * The provider's cost of calls in one currency.
	 *
	 * @param provider the provider's key (e.g. {@code zadarma})
	 * @param currency ISO 4217 code (empty when the provider gave none)
	 * @param calls calls with a cost
	 * @param amount total cost
	 */
	public record CostRow(String provider, String currency, long calls, BigDecimal amount) {
	}

	/**
	 * An amount in one currency.
	 *
	 * @param currency ISO 4217 code (empty when none was recorded)
	 * @param amount amount
	 */
	public record Money(String currency, BigDecimal amount) {
	}

}
