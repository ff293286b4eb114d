package io.callbridge.calls.application;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the inbox tests read back: a call's stored event types and its events still in the
 * inbox.
 */
final class InboxQueries {

	private InboxQueries() {
	}

	/** The types of the call's stored events, in the order stored. */
	static List<String> eventTypes(JdbcClient jdbc, long accountId, String call) {
		return jdbc.sql("""
				SELECT e.type FROM call_events e JOIN calls c ON c.id = e.call_id
				WHERE c.account_id = ? AND c.provider_call_id = ? ORDER BY e.id""")
			.params(accountId, call)
			.query(String.class)
			.list();
	}

	/** How many of the call's events wait in the inbox. */
	static long inboxRows(JdbcClient jdbc, String call) {
		return jdbc.sql("SELECT COUNT(*) FROM call_event_inbox WHERE provider_call_id = ?")
			.param(call)
			.query(Long.class)
			.single();
	}

}
