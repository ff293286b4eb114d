package io.callbridge.calls.application;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.callbridge.agents.Agents;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Click-to-call requests, kept so the provider's events of the resulting call can be
 * matched to the agent and contact that started it: by the provider's call id where it
 * returns one, otherwise by extension, number and time window (Zadarma's callback returns
 * no id).
 */
@Repository
class Originations {

	/**
	 * Pending requests by provider id: one scalar subquery per id, each a probe of
	 * {@code originations_provider_call (account_id, provider_call_id)} with or without
	 * statistics (joined to the page's ids as a table of values, PostgreSQL without
	 * statistics reads all the account's requests). Followed by the ids as
	 * {@code (?), (?), …}.
	 */
	static final String PENDING_BY_ID = """
			SELECT ids.provider_call_id, (SELECT COUNT(*) FROM originations o
			  WHERE o.account_id = ? AND o.provider_call_id = ids.provider_call_id AND o.call_id IS NULL) AS pending
			FROM (VALUES\s""";

	/**
	 * How long after a request its call's first event may arrive and still be matched.
	 */
	static final Duration MATCH_WINDOW = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final Agents agents;

	// Requests are written by the node that took them and looked for by whichever node
	// hears of a call: their times are the database's, so the window is the same on all.
	private final DatabaseClock clock;

	Originations(JdbcClient jdbc, Agents agents, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.clock = clock;
	}

	/**
	 * A pending request matched to a call.
	 *
	 * @param id request id
	 * @param agentId agent who asked
	 * @param contactId contact called, if chosen from a contact
	 * @param campaignId campaign the call is made for, if any
	 */
	record Origination(long id, long agentId, @Nullable Long contactId, @Nullable Long campaignId) {

		static Origination row(ResultSet rs, int n) throws SQLException {
			return new Origination(rs.getLong("id"), rs.getLong("agent_id"), Jdbc.longOrNull(rs, "contact_id"),
					Jdbc.longOrNull(rs, "campaign_id"));
		}

	}

	long record(long tenantId, long accountId, long agentId, String extension, String e164, @Nullable Long contactId) {
		return record(tenantId, accountId, agentId, extension, e164, contactId, null);
	}

	long record(long tenantId, long accountId, long agentId, String extension, String e164, @Nullable Long contactId,
			@Nullable Long campaignId) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO originations (tenant_id, account_id, agent_id, extension, number_e164, contact_id,
				  campaign_id, requested_at, status)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'REQUESTED')""")
			.params(tenantId, accountId, agentId, extension, e164, contactId, campaignId, Jdbc.ts(this.clock.now()))
			.update(keys, "id");
		return keys.getKeyAs(Long.class);
	}

	void accepted(long id, @Nullable String providerCallId) {
		this.jdbc.sql(
				"UPDATE originations SET status = CASE WHEN status = 'REQUESTED' THEN 'ACCEPTED' ELSE status END, provider_call_id = ? WHERE id = ?")
			.params(providerCallId, id)
			.update();
	}

	void refused(long id, String error) {
		this.jdbc.sql("UPDATE originations SET status = 'REFUSED', error = ? WHERE id = ?")
			.params(error.length() > 1000 ? error.substring(0, 1000) : error, id)
			.update();
	}

	/**
	 * Whether the agent has a request that has not produced a call yet (the call may be
	 * about to start).
	 */
	boolean hasPending(long agentId, Duration within) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM originations WHERE agent_id = ? AND call_id IS NULL
				AND status IN ('REQUESTED', 'ACCEPTED') AND requested_at > ?""")
			.params(agentId, Jdbc.ts(this.clock.now().minus(within)))
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Finds and claims the request behind a new outbound call: by the provider's call id,
	 * else by number and time window from the requesting agent's extension or from an EP
	 * that is no agent's extension (a shared caller identity the call went out as, as
	 * CallMyWay shows it) — never from a colleague's extension.
	 */
	Optional<Origination> claim(long accountId, long callId, String providerCallId, @Nullable String extension,
			@Nullable String e164, Instant callStart) {
		Optional<Origination> match = byProviderId(accountId, providerCallId);
		if (match.isEmpty() && extension != null && e164 != null) {
			match = byExtensionAndNumber(accountId, extension, e164, callStart);
		}
		match.ifPresent((origination) -> connect(origination, callId));
		return match;
	}

	/**
	 * Finds and claims the request behind a call reported the other way round (the
	 * contact calling the extension, as a contact-first click-to-call may be): by number
	 * and time window only, since such a report carries no id the request returned.
	 */
	Optional<Origination> claimReversed(long accountId, long callId, String extension, String e164, Instant callStart) {
		Optional<Origination> match = byExtensionAndNumber(accountId, extension, e164, callStart);
		match.ifPresent((origination) -> connect(origination, callId));
		return match;
	}

	private void connect(Origination origination, long callId) {
		this.jdbc.sql("UPDATE originations SET call_id = ?, status = 'CONNECTED' WHERE id = ?")
			.params(callId, origination.id())
			.update();
	}

	private Optional<Origination> byProviderId(long accountId, String providerCallId) {
		return this.jdbc.sql("""
				SELECT id, agent_id, contact_id, campaign_id FROM originations
				WHERE account_id = ? AND provider_call_id = ? AND call_id IS NULL""")
			.params(accountId, providerCallId)
			.query(Origination::row)
			.optional();
	}

	private Optional<Origination> byExtensionAndNumber(long accountId, String extension, String e164, Instant start) {
		List<Candidate> candidates = this.jdbc.sql("""
				SELECT id, agent_id, contact_id, campaign_id, extension FROM originations
				WHERE account_id = ? AND number_e164 = ? AND call_id IS NULL AND status <> 'REFUSED'
				AND requested_at BETWEEN ? AND ? ORDER BY requested_at DESC""")
			.params(accountId, e164, Jdbc.ts(start.minus(MATCH_WINDOW)), Jdbc.ts(start.plusSeconds(5)))
			.query(Candidate::row)
			.list();
		if (candidates.isEmpty()) {
			return Optional.empty();
		}
		// Asked only when there is something to match: who is on an extension is the
		// agents module's to say.
		boolean agentsExtension = this.agents.onExtension(accountId, extension).isPresent();
		return candidates.stream()
			.filter((candidate) -> !agentsExtension || candidate.extension().equals(extension))
			.map(Candidate::origination)
			.findFirst();
	}

	/** A pending request that may be a call's, with the extension it was made from. */
	private record Candidate(Origination origination, String extension) {

		static Candidate row(ResultSet rs, int n) throws SQLException {
			return new Candidate(Origination.row(rs, n), rs.getString("extension"));
		}

	}

	/**
	 * The pending requests a page of calls from the provider's history may belong to:
	 * those that returned one of these provider call ids, and those made in the period
	 * (by number). Two indexed queries for the page; a call that may be a request's is
	 * then matched as a live call is, by {@link #claim} and {@link #claimReversed}.
	 */
	PendingRequests pending(long accountId, Collection<String> providerCallIds, Instant from, Instant to) {
		Set<String> ids = new HashSet<>();
		if (!providerCallIds.isEmpty()) {
			List<Object> params = new ArrayList<>(List.of(accountId));
			params.addAll(providerCallIds);
			this.jdbc
				.sql(PENDING_BY_ID + String.join(", ", Collections.nCopies(providerCallIds.size(), "(?)"))
						+ ") AS ids (provider_call_id)")
				.params(params)
				.query((rs) -> {
					if (rs.getLong("pending") > 0) {
						ids.add(rs.getString("provider_call_id"));
					}
				});
		}
		List<PendingNumber> numbers = this.jdbc.sql("""
				SELECT number_e164, requested_at FROM originations
				WHERE account_id = ? AND requested_at BETWEEN ? AND ? AND call_id IS NULL AND status <> 'REFUSED'""")
			.params(accountId, Jdbc.ts(from.minus(MATCH_WINDOW)), Jdbc.ts(to.plusSeconds(5)))
			.query((rs, n) -> new PendingNumber(rs.getString("number_e164"), Jdbc.instant(rs, "requested_at")))
			.list();
		return new PendingRequests(ids, numbers);
	}

	/**
	 * Pending requests that calls of a page may belong to.
	 *
	 * @param providerCallIds the page's provider call ids that a pending request returned
	 * @param numbers the numbers of the requests made in the page's period
	 */
	record PendingRequests(Set<String> providerCallIds, List<PendingNumber> numbers) {

		/**
		 * Whether a call may be a request's: by its provider id, or by its number within
		 * the match window of one of its event times (as {@link #claim} looks).
		 */
		boolean mayClaim(String providerCallId, @Nullable String e164, Instant first, Instant last) {
			if (this.providerCallIds.contains(providerCallId)) {
				return true;
			}
			return e164 != null && this.numbers.stream()
				.anyMatch((p) -> p.e164().equals(e164) && !p.requestedAt().isBefore(first.minus(MATCH_WINDOW))
						&& !p.requestedAt().isAfter(last.plusSeconds(5)));
		}

	}

	/**
	 * A pending request's number and time.
	 *
	 * @param e164 the number asked for
	 * @param requestedAt when
	 */
	record PendingNumber(String e164, Instant requestedAt) {
	}

}
