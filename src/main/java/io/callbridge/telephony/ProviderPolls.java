package io.callbridge.telephony;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import io.callbridge.shared.Jdbc;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The schedule of polled providers, shared by every node through the database: a poll of
 * an account starts only when its row is due and this node wins the conditional update
 * that pushes the next start out, so two polls of one account never start closer than the
 * provider's minimum interval, whatever the number of agents or nodes. The interval grows
 * while the provider is slow or failing and shrinks back when it recovers.
 */
@Repository
public class ProviderPolls {

	/** How long a claimed poll may run before another node may take over. */
	static final Duration LEASE = Duration.ofSeconds(60);

	// The width of the last_error column (widened by V75).
	private static final int MAX_ERROR = 4000;

	private final JdbcClient jdbc;

	ProviderPolls(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A claimed poll: when it started and the snapshot the previous poll left.
	 *
	 * @param accountId the account
	 * @param kind the kind of poll, e.g. {@code live}
	 * @param startedAt when this poll started
	 * @param interval the interval in force
	 * @param snapshot what the previous poll saw, as it stored it
	 */
	public record Claim(long accountId, String kind, Instant startedAt, Duration interval, @Nullable String snapshot) {
	}

	/**
	 * Claims the account's next poll if it is due.
	 * @param minimum the provider's minimum interval between two polls
	 * @return the claim, or empty when the poll is not due or another node took it
	 */
	public Optional<Claim> claimIfDue(long accountId, String kind, Duration minimum) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		Optional<Row> row = find(accountId, kind);
		if (row.isEmpty()) {
			return insertClaimed(accountId, kind, now, minimum);
		}
		if (row.get().nextPollAt().isAfter(now)) {
			return Optional.empty();
		}
		int won = this.jdbc.sql("""
				UPDATE provider_polls SET next_poll_at = ?, last_started_at = ?
				WHERE account_id = ? AND kind = ? AND next_poll_at = ?""")
			.params(Jdbc.ts(now.plus(LEASE)), Jdbc.ts(now), accountId, kind, Jdbc.ts(row.get().nextPollAt()))
			.update();
		return (won == 1) ? Optional.of(new Claim(accountId, kind, now, row.get().interval(), row.get().snapshot()))
				: Optional.empty();
	}

	/**
	 * Records a finished poll: its snapshot, and the next start one interval after this
	 * one started. A slow poll (longer than half the interval) doubles the interval, up
	 * to {@code maximum}; a quick one halves it back towards {@code minimum}.
	 */
	public void succeeded(Claim claim, String snapshot, Duration minimum, Duration maximum) {
		succeeded(claim, snapshot, Duration.between(claim.startedAt(), Instant.now()), minimum, maximum);
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
		Duration took = Duration.between(claim.startedAt(), Instant.now());
		finish(claim, adapt(claim.interval(), true, minimum, maximum), took, error, claim.snapshot());
	}

	/** The account's poll state, for the account's status page. */
	public Optional<Row> find(long accountId, String kind) {
		return this.jdbc.sql("SELECT * FROM provider_polls WHERE account_id = ? AND kind = ?")
			.params(accountId, kind)
			.query(ProviderPolls::map)
			.optional();
	}

	private void finish(Claim claim, Duration interval, Duration took, @Nullable Text error,
			@Nullable String snapshot) {
		this.jdbc.sql("""
				UPDATE provider_polls SET next_poll_at = ?, interval_ms = ?, last_duration_ms = ?, last_error = ?,
				    snapshot = ?
				WHERE account_id = ? AND kind = ? AND last_started_at = ?""")
			.params(Jdbc.ts(claim.startedAt().plus(interval)), interval.toMillis(), took.toMillis(),
					(error != null) ? StoredText.store(error, MAX_ERROR) : null, snapshot, claim.accountId(),
					claim.kind(), Jdbc.ts(claim.startedAt()))
			.update();
	}

	private Optional<Claim> insertClaimed(long accountId, String kind, Instant now, Duration minimum) {
		try {
			this.jdbc.sql("""
					INSERT INTO provider_polls (account_id, kind, next_poll_at, interval_ms, last_started_at)
					VALUES (?, ?, ?, ?, ?)""")
				.params(accountId, kind, Jdbc.ts(now.plus(LEASE)), minimum.toMillis(), Jdbc.ts(now))
				.update();
			return Optional.of(new Claim(accountId, kind, now, minimum, null));
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
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
