package io.callbridge.telephony;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.coordination.Lease;
import io.callbridge.coordination.Leases;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The schedule of polled providers, shared by every node: a poll of an account is a
 * {@link Leases lease} ({@code poll:<kind>:<account>}) on the database's clock, taken
 * only when free, and released so that the next poll starts one interval after this one
 * started, so two polls of one account never start closer than the provider's minimum
 * interval, whatever the number of agents or nodes or how their clocks differ. The
 * interval grows while the provider is slow or failing and shrinks back when it recovers;
 * it, the last snapshot and the last outcome are kept in {@code provider_polls} for the
 * next poll and the account's status page.
 */
@Repository
public class ProviderPolls {

	/** How long a claimed poll may run before another node may take over. */
	static final Duration LEASE = Duration.ofSeconds(60);

	// The width of the last_error column (widened by V75).
	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	private final Leases leases;

	private final DatabaseClock clock;

	ProviderPolls(JdbcClient jdbc, Leases leases, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.leases = leases;
		this.clock = clock;
	}

	/**
	 * A claimed poll: when it started (database time) and the snapshot the previous poll
	 * left. Its lease stays inside this class.
	 */
	public static final class Claim {

		private final long accountId;

		private final String kind;

		private final Lease lease;

		private final Duration interval;

		private final @Nullable String snapshot;

		Claim(long accountId, String kind, Lease lease, Duration interval, @Nullable String snapshot) {
			this.accountId = accountId;
			this.kind = kind;
			this.lease = lease;
			this.interval = interval;
			this.snapshot = snapshot;
		}

		/** The account. */
		public long accountId() {
			return this.accountId;
		}

		/** The kind of poll, e.g. {@code live}. */
		public String kind() {
			return this.kind;
		}

		/** When this poll started, on the database's clock. */
		public Instant startedAt() {
			return this.lease.acquiredAt();
		}

		/** The interval in force. */
		public Duration interval() {
			return this.interval;
		}

		/** What the previous poll saw, as it stored it. */
		public @Nullable String snapshot() {
			return this.snapshot;
		}

	}

	/** The name of the lease of an account's polls of a kind. */
	static String leaseName(long accountId, String kind) {
		return "poll:" + kind + ":" + accountId;
	}

	/**
	 * Claims the account's next poll if it is due.
	 * @param minimum the provider's minimum interval between two polls
	 * @return the claim, or empty when the poll is not due or another node took it
	 */
	public Optional<Claim> claimIfDue(long accountId, String kind, Duration minimum) {
		return this.leases.acquire(leaseName(accountId, kind), LEASE)
			.map((lease) -> started(accountId, kind, lease, minimum));
	}

	/**
	 * Gives a claim back unused (the account turned out not to be pollable): the next
	 * poll is due one interval after it was taken.
	 */
	public void abandon(Claim claim) {
		this.leases.releaseAt(claim.lease, claim.startedAt().plus(claim.interval()));
	}

	/**
	 * Records a finished poll: its snapshot, and the next start one interval after this
	 * one started. A slow poll (longer than half the interval) doubles the interval, up
	 * to {@code maximum}; a quick one halves it back towards {@code minimum}.
	 */
	public void succeeded(Claim claim, String snapshot, Duration minimum, Duration maximum) {
		succeeded(claim, snapshot, sinceStart(claim), minimum, maximum);
	}

	/**
	 * Records a finished poll as {@link #succeeded(Claim, String, Duration, Duration)}
	 * does, judging its speed by how long the provider took to answer: a poll that waited
	 * for its turn behind other requests of the account was not slowed by the provider,
	 * and must not slow the polls down.
	 * @param answeredIn how long the provider took to answer
	 */
	public void succeeded(Claim claim, String snapshot, Duration answeredIn, Duration minimum, Duration maximum) {
		Duration interval = adapt(claim.interval(), answeredIn.compareTo(claim.interval().dividedBy(2)) > 0, minimum,
				maximum);
		finish(claim, interval, answeredIn, null, snapshot);
	}

	/** Records a failed poll: the snapshot is kept and the interval doubles. */
	public void failed(Claim claim, Text error, Duration minimum, Duration maximum) {
		finish(claim, adapt(claim.interval(), true, minimum, maximum), sinceStart(claim), error, claim.snapshot());
	}

	/** The account's poll state, for the account's status page. */
	public Optional<Row> find(long accountId, String kind) {
		return this.jdbc.sql("SELECT * FROM provider_polls WHERE account_id = ? AND kind = ?")
			.params(accountId, kind)
			.query(ProviderPolls::map)
			.optional();
	}

	private Duration sinceStart(Claim claim) {
		return Duration.between(claim.startedAt(), this.clock.now());
	}

	// The lease is this node's: no other node writes the row until it ends.
	private Claim started(long accountId, String kind, Lease lease, Duration minimum) {
		Instant start = lease.acquiredAt();
		int updated = this.jdbc.sql("""
				UPDATE provider_polls SET next_poll_at = ?, last_started_at = ? WHERE account_id = ? AND kind = ?""")
			.params(Jdbc.ts(lease.heldUntil()), Jdbc.ts(start), accountId, kind)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					INSERT INTO provider_polls (account_id, kind, next_poll_at, interval_ms, last_started_at)
					VALUES (?, ?, ?, ?, ?)""")
				.params(accountId, kind, Jdbc.ts(lease.heldUntil()), minimum.toMillis(), Jdbc.ts(start))
				.update();
		}
		Row row = find(accountId, kind).orElseThrow();
		return new Claim(accountId, kind, lease, row.interval(), row.snapshot());
	}

	private void finish(Claim claim, Duration interval, Duration took, @Nullable Text error,
			@Nullable String snapshot) {
		Instant next = claim.startedAt().plus(interval);
		this.jdbc.sql("""
				UPDATE provider_polls SET next_poll_at = ?, interval_ms = ?, last_duration_ms = ?, last_error = ?,
				    snapshot = ?
				WHERE account_id = ? AND kind = ? AND last_started_at = ?""")
			.params(Jdbc.ts(next), interval.toMillis(), took.toMillis(),
					(error != null) ? StoredText.store(error, MAX_ERROR) : null, snapshot, claim.accountId(),
					claim.kind(), Jdbc.ts(claim.startedAt()))
			.update();
		this.leases.releaseAt(claim.lease, next);
	}

	private static Duration adapt(Duration current, boolean slower, Duration minimum, Duration maximum) {
		Duration next = slower ? current.multipliedBy(2) : current.dividedBy(2);
		if (next.compareTo(minimum) < 0) {
			return minimum;
		}
		return (next.compareTo(maximum) > 0) ? maximum : next;
	}

	private static Row map(ResultSet rs, int n) throws SQLException {
		Instant next = Jdbc.instant(rs, "next_poll_at");
		return new Row(rs.getLong("account_id"), rs.getString("kind"), (next != null) ? next : Instant.EPOCH,
				Duration.ofMillis(rs.getLong("interval_ms")), Jdbc.instant(rs, "last_started_at"),
				Jdbc.longOrNull(rs, "last_duration_ms"), StoredText.read(rs.getString("last_error")),
				rs.getString("snapshot"));
	}

	/**
	 * The stored state of an account's polls.
	 *
	 * @param accountId the account
	 * @param kind the kind of poll
	 * @param nextPollAt when the next poll may start
	 * @param interval the interval in force
	 * @param lastStartedAt when the last poll started
	 * @param lastDurationMs how long it took
	 * @param lastError its error, if it failed, in the reader's language
	 * @param snapshot what it saw
	 */
	public record Row(long accountId, String kind, Instant nextPollAt, Duration interval,
			@Nullable Instant lastStartedAt, @Nullable Long lastDurationMs, @Nullable Text lastError,
			@Nullable String snapshot) {
	}

}
