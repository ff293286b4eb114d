package io.callbridge.statistics;

import java.time.LocalDate;

import io.callbridge.telephony.CallDirection;
import org.jspecify.annotations.Nullable;

/**
 * Which calls a statistic counts: those that ended and started on a tenant-local day from
 * {@code from} to {@code to} (both included), narrowed by the optional filters.
 *
 * @param from first local day
 * @param to last local day, not before {@code from}
 * @param accountId only calls through this telephony account (line)
 * @param agentId only calls this agent had (the agent who answered or, if nobody did, the
 * one it was last assigned to)
 * @param campaignId only calls of this campaign
 * @param direction only calls in this direction
 */
public record StatisticsFilter(LocalDate from, LocalDate to, @Nullable Long accountId, @Nullable Long agentId,
		@Nullable Long campaignId, @Nullable CallDirection direction) {

	/**
	 * The same filter for another agent (an agent's view is always their own).
	 * @param agent the agent
	 * @return the filter narrowed to that agent
	 */
	public StatisticsFilter forAgent(long agent) {
		return new StatisticsFilter(this.from, this.to, this.accountId, agent, this.campaignId, this.direction);
	}

}
