package io.callbridge.callmyway;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.TelephonyAccount;

/**
 * CallMyWay's HTTP API as the adapter uses it. Every method throws
 * {@link CallMyWayApiException} with CallMyWay's own message when the request fails.
 */
public interface CallMyWayApi {

	/** Where and as whom to call for this account. */
	CallMyWayAccess access(TelephonyAccount account, Credentials credentials);

	/** {@code getEndpoints}: the account's endpoints, endpoint ID → EP. */
	Map<String, String> endpoints(CallMyWayAccess access);

	/**
	 * {@code getCdrs live=1}: the calls in progress.
	 * @param fullAccount the whole account's calls, or only the EP's
	 */
	List<CallMyWayCdr> liveCalls(CallMyWayAccess access, boolean fullAccount);

	/**
	 * {@code getCdrs live=1&fullAccount=1} for the live-call poller: the whole account's
	 * calls in progress, asked as an urgent request that takes the next turn before CDR
	 * pages, endpoint lists and checks.
	 */
	LivePoll pollLiveCalls(CallMyWayAccess access);

	/** {@code getCdrs recent=1}: the calls of the last 24 hours. */
	List<CallMyWayCdr> recentCdrs(CallMyWayAccess access);

	/**
	 * {@code getCdrs dateStart/dateEnd/ini/cant}: one page of the calls of a period.
	 * @param start start, local to the account
	 * @param end end, local to the account
	 * @param ini offset of the page
	 * @param cant size of the page
	 */
	List<CallMyWayCdr> cdrs(CallMyWayAccess access, LocalDateTime start, LocalDateTime end, int ini, int cant);

	/**
	 * {@code ClickToDialExtenal}: CallMyWay calls {@code firstNum}, and when it answers,
	 * {@code secondNum}. Acceptance only means the request was inserted.
	 */
	void clickToDial(CallMyWayAccess access, String firstNum, String secondNum);

	/**
	 * The calls in progress as a poll read them.
	 *
	 * @param calls the calls
	 * @param answeredIn how long CallMyWay took to answer (the wait for the turn not
	 * counted), which tells a slow CallMyWay from a busy username
	 */
	record LivePoll(List<CallMyWayCdr> calls, Duration answeredIn) {
	}

}
