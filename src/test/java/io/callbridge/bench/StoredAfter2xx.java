package io.callbridge.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The webhooks of one provider account that were answered 2xx and so must have been
 * stored: each carried a {@code fuzz_seq} field, which the stored raw payload keeps (as
 * JSON text or number), so the events stored for the account show which are missing.
 */
final class StoredAfter2xx {

	private static final Pattern SEQ = Pattern.compile("\"fuzz_seq\":\"?(\\d+)");

	/**
	 * A 2xx that must have been stored.
	 *
	 * @param seq the {@code fuzz_seq} it carried
	 * @param what the event and mutation, for the report
	 */
	record Expected(int seq, String what) {
	}

	private final List<Expected> expected = new ArrayList<>();

	void expect(int seq, String what) {
		this.expected.add(new Expected(seq, what));
	}

	int size() {
		return this.expected.size();
	}

	/** The expected webhooks of which the account has no stored event. */
	List<Expected> missing(JdbcClient jdbc, long accountId) {
		Set<Integer> stored = new HashSet<>();
		jdbc.sql("SELECT e.raw_payload FROM call_events e JOIN calls c ON c.id = e.call_id WHERE c.account_id = ?")
			.param(accountId)
			.query(String.class)
			.list()
			.forEach((payload) -> {
				Matcher matcher = SEQ.matcher(payload);
				if (matcher.find()) {
					stored.add(Integer.valueOf(matcher.group(1)));
				}
			});
		return this.expected.stream().filter((one) -> !stored.contains(one.seq())).toList();
	}

}
