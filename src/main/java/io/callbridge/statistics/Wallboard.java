package io.callbridge.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.callbridge.shared.AgentStatus;
import io.callbridge.telephony.CallDirection;
import org.jspecify.annotations.Nullable;

/**
 * What a tenant's wall screen shows now: the calls ringing and in progress, the caller
 * waiting longest, the agents by what they are doing, and today's figures. Durations are
 * left to the reader: every call and agent says since when, and {@code now} is the
 * server's time the board was read at, so a browser can tick them on its own.
 *
 * @param now when the board was read (database clock)
 * @param zone the tenant's time zone
 * @param day today in that zone: the day of the counters
 * @param ringing calls not yet answered, longest ringing first
 * @param inProgress answered calls not yet ended, longest first
 * @param waitingLongest the inbound call ringing longest, if any
 * @param moreCalls whether there are more calls in progress than the board lists (it
 * lists at most {@value WallboardService#MAX_CALLS})
 * @param agentsByState how many agents are in each state, every state present, in the
 * order of {@link AgentState}
 * @param agents the agents on the board (enabled users with an extension, and anyone on a
 * call), by state and then name
 * @param today the headline figures of today's ended calls
 */
public record Wallboard(Instant now, String zone, LocalDate day, List<LiveCall> ringing, List<LiveCall> inProgress,
		@Nullable LiveCall waitingLongest, boolean moreCalls, List<StateCount> agentsByState, List<AgentOnBoard> agents,
		Dashboard.Totals today) {

	/**
	 * What an agent is doing: on a call, or else their status.
	 */
	public enum AgentState {

		/** In an answered call, or making an outbound call. */
		ON_CALL,
		/** Ready for calls. */
		AVAILABLE,
		/** At work but not to be rung. */
		BUSY,
		/** On a break. */
		BREAK,
		/** Not at work. */
		OFFLINE;

		/** The state of an agent who is not on a call. */
		public static AgentState of(AgentStatus status) {
			return switch (status) {
				case AVAILABLE -> AVAILABLE;
				case BUSY -> BUSY;
				case BREAK -> BREAK;
				case OFFLINE -> OFFLINE;
			};
		}

	}

	/**
	 * A call ringing or in progress.
	 *
	 * @param callId the call
	 * @param direction its direction
	 * @param number the other party's number for display, {@code null} when withheld
	 * @param contactId the contact it is linked to
	 * @param contactName that contact's name
	 * @param accountId the telephony account (line) it came through
	 * @param line that account's name
	 * @param ourLine our number involved, when the provider said
	 * @param agentId the agent who has it (answered or made it), if any
	 * @param agentName that agent's name
	 * @param rungAgents the names of the agents it rang, in order (for a ringing call:
	 * where it is ringing)
	 * @param startedAt when it started
	 * @param answeredAt when it was answered, {@code null} while ringing
	 */
	public record LiveCall(long callId, CallDirection direction, @Nullable String number, @Nullable Long contactId,
			@Nullable String contactName, long accountId, String line, @Nullable String ourLine, @Nullable Long agentId,
			@Nullable String agentName, List<String> rungAgents, Instant startedAt, @Nullable Instant answeredAt) {
	}

	/**
	 * An agent on the board.
	 *
	 * @param agentId the agent
	 * @param name their display name
	 * @param state what they are doing
	 * @param since since when: the call's answer (or start, for an outbound call not yet
	 * answered), or the last change of their status; {@code null} when never changed
	 * @param callId the call they are on, if on a call
	 */
	public record AgentOnBoard(long agentId, String name, AgentState state, @Nullable Instant since,
			@Nullable Long callId) {
	}

	/**
	 * How many agents are in one state.
	 *
	 * @param state the state
	 * @param agents how many
	 */
	public record StateCount(AgentState state, long agents) {
	}

}
