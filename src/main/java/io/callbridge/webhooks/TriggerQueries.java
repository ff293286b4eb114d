package io.callbridge.webhooks;

import org.jspecify.annotations.Nullable;

/**
 * VCC's formatted strings for CRM triggers, exactly as VCC documents them (without the
 * leading {@code ?} or {@code &}, which {@link #appendTo} chooses).
 */
final class TriggerQueries {

	private TriggerQueries() {
	}

	/** {@code AccountID=aaa}. */
	static String customer(long customerId) {
		return "AccountID=" + customerId;
	}

	/** {@code AccountID=aaa&CaseID=ccc}. */
	static String caseOf(long customerId, long caseId) {
		return "AccountID=" + customerId + "&CaseID=" + caseId;
	}

	/** {@code AccountID=aaa&CaseID=ccc&FollowupID=fff}. */
	static String followUp(long customerId, long caseId, long followUpId) {
		return "AccountID=" + customerId + "&CaseID=" + caseId + "&FollowupID=" + followUpId;
	}

	/**
	 * {@code AccountID=aaa&TaskID=ttt}; AccountID empty when the task has no customer.
	 */
	static String task(@Nullable Long customerId, long taskId) {
		return "AccountID=" + ((customerId != null) ? customerId : "") + "&TaskID=" + taskId;
	}

	/**
	 * The URL a CRM trigger calls: the formatted string after {@code ?}, or after
	 * {@code &} when the URL already has a query.
	 */
	static String appendTo(String url, String query) {
		int fragment = url.indexOf('#');
		String base = (fragment >= 0) ? url.substring(0, fragment) : url;
		if (base.endsWith("?") || base.endsWith("&")) {
			return base + query;
		}
		return base + (base.contains("?") ? "&" : "?") + query;
	}

}
