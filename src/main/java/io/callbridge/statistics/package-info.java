/**
 * Statistics: what supervisors and managers read about the phones. A read model of one
 * row per ended call ({@code call_facts}), kept up to date by the call events and rebuilt
 * by a job, answers the dashboard (calls by day, hour and weekday, answer rate, missed
 * calls and call-backs, wait and talk times, agents, outcomes, costs) without scanning
 * the calls; the live wallboard adds the calls ringing and in progress and the agents'
 * statuses, and is refreshed through the consoles' live push.
 */
@NullMarked
package io.callbridge.statistics;

import org.jspecify.annotations.NullMarked;
