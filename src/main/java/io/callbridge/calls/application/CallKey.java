package io.callbridge.calls.application;

import java.util.Comparator;

/**
 * A provider call as the ingestion knows it before it has a row: its account and the
 * provider's call id. Ordered by account, then id, the order in which one transaction
 * takes the rows of several calls.
 *
 * @param accountId the telephony account
 * @param providerCallId the provider's call id
 */
record CallKey(long accountId, String providerCallId) implements Comparable<CallKey> {

	private static final Comparator<CallKey> ORDER = Comparator.comparingLong(CallKey::accountId)
		.thenComparing(CallKey::providerCallId);

	@Override
	public int compareTo(CallKey other) {
		return ORDER.compare(this, other);
	}

}
