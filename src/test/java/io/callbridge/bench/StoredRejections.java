package io.callbridge.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.callbridge.contacts.Blacklist;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the benchmarks check of the calls from {@link ZadarmaTraffic}'s blacklisted
 * numbers: a start answered with the rejection must have its rejection stored once (a
 * {@code DECISION} event) and its call ended {@code REJECTED}, whatever the provider
 * reported after; no other call of the batch may have one (a decision later than its
 * deadline answers {@code {}} and records nothing) but one whose start was not answered
 * (a server killed after storing the rejection, before its answer).
 *
 * @param missing starts answered with the rejection whose call has none stored, or is not
 * {@code REJECTED}
 * @param wrong calls with a rejection stored more than once, or stored though their start
 * was answered otherwise
 */
record StoredRejections(long missing, long wrong) {

	/** A NOTIFY_START's answer when the caller is rejected. */
	static final String ANSWER = "{\"redirect\":\"blacklist\"}";

	/**
	 * Blacklists the traffic's {@value ZadarmaTraffic#BLACKLISTED} numbers in the tenant.
	 */
	static void blacklistTraffic(Blacklist blacklist, long tenantId, long userId) {
		for (int i = ZadarmaTraffic.CONTACTS; i < ZadarmaTraffic.CONTACTS + ZadarmaTraffic.BLACKLISTED; i++) {
			blacklist.add(tenantId, "+" + ZadarmaTraffic.number(i), "benchmark", userId);
		}
	}

	/**
	 * Checks the rejections stored for the batch's calls of the account.
	 * @param rejected the provider call ids whose start was answered with the rejection
	 * @param unanswered the provider call ids whose start got no answer: a rejection may
	 * be stored for them
	 */
	static StoredRejections check(JdbcClient jdbc, long accountId, String batch, Set<String> rejected,
			Set<String> unanswered) {
		Map<String, Long> stored = new HashMap<>();
		jdbc.sql("""
				SELECT c.provider_call_id, COUNT(*) FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND e.source = 'DECISION'
				GROUP BY c.provider_call_id""").params(accountId, batch + "-%").query((rs) -> {
			stored.put(rs.getString(1), rs.getLong(2));
		});
		Set<String> endedRejected = new HashSet<>(jdbc.sql("""
				SELECT c.provider_call_id FROM calls c
				WHERE c.account_id = ? AND c.provider_call_id LIKE ? AND c.result = 'REJECTED'""")
			.params(accountId, batch + "-%")
			.query(String.class)
			.list());
		long missing = rejected.stream()
			.filter((call) -> !stored.containsKey(call) || !endedRejected.contains(call))
			.count();
		long wrong = stored.entrySet()
			.stream()
			.filter((e) -> e.getValue() > 1 || !(rejected.contains(e.getKey()) || unanswered.contains(e.getKey())))
			.count();
		return new StoredRejections(missing, wrong);
	}

}
