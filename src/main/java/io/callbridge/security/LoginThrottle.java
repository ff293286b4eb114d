package io.callbridge.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.DatabaseClock;
import io.callbridge.shared.Jdbc;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Slows down and then refuses repeated failed logins, per username and per client
 * address. The counts live in the database and every decision uses the database's clock,
 * so the limits hold across nodes and restarts.
 */
@Component
class LoginThrottle {

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	private final TransactionTemplate transactions;

	private final ThrottlePolicy userPolicy;

	private final ThrottlePolicy addressPolicy;

	private final Duration window;

	LoginThrottle(JdbcClient jdbc, DatabaseClock clock, TransactionTemplate transactions, LoginProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transactions = transactions;
		this.userPolicy = new ThrottlePolicy(properties.user(), properties.window(), properties.maxDelay());
		this.addressPolicy = new ThrottlePolicy(properties.address(), properties.window(), properties.maxDelay());
		this.window = properties.window();
	}

	/** What failures are counted for. */
	enum Scope {

		/** A username of an organisation, whether or not it exists. */
		USER,
		/** A client address. */
		ADDRESS

	}

	/**
	 * One throttled subject.
	 *
	 * @param scope its kind
	 * @param key the username (with its organisation) or the address
	 */
	record Subject(Scope scope, String key) {
	}

	/**
	 * How long the attempt must wait, if any of the subjects is slowed down or locked.
	 */
	Optional<Duration> refusal(List<Subject> subjects) {
		Instant now = this.clock.now();
		Optional<Instant> until = Optional.empty();
		for (Subject subject : subjects) {
			Optional<Instant> refused = policy(subject).refusedUntil(find(subject, false), now);
			if (refused.isPresent() && (until.isEmpty() || refused.get().isAfter(until.get()))) {
				until = refused;
			}
		}
		return until.map((instant) -> Duration.between(now, instant));
	}

	/**
	 * Counts a failure of the subject.
	 * @param subject the subject
	 * @return until when the subject is now locked, if this failure locked it
	 */
	Optional<Instant> recordFailure(Subject subject) {
		ensureRow(subject);
		return Optional.ofNullable(this.transactions.execute((status) -> {
			Instant now = this.clock.now();
			ThrottlePolicy.State next = policy(subject).afterFailure(find(subject, true), now);
			this.jdbc.sql("""
					UPDATE login_throttles SET failures = ?, last_failure_at = ?, locked_until = ?
					WHERE scope = ? AND subject = ?""")
				.params(next.failures(), Jdbc.ts(next.lastFailureAt()), Jdbc.ts(next.lockedUntil()),
						subject.scope().name(), subject.key())
				.update();
			return next.lockedUntil();
		}));
	}

	/** Forgets the subject's failures (a successful login of the username). */
	void forget(Subject subject) {
		this.jdbc.sql("DELETE FROM login_throttles WHERE scope = ? AND subject = ?")
			.params(subject.scope().name(), subject.key())
			.update();
	}

	/** Deletes the rows that no longer count, so the table stays small. */
	@Scheduled(initialDelayString = "${callbridge.login.purge-initial-delay:5m}", fixedDelayString = "1h")
	void purge() {
		Instant now = this.clock.now();
		this.jdbc.sql("""
				DELETE FROM login_throttles
				WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)""")
			.params(Jdbc.ts(now.minus(this.window)), Jdbc.ts(now))
			.update();
	}

	// A first failure of two concurrent ones may both try to insert: the loser's row
	// exists,
	// which is all that is needed before the locked update.
	private void ensureRow(Subject subject) {
		try {
			this.jdbc.sql("""
					INSERT INTO login_throttles (scope, subject, failures, last_failure_at)
					SELECT ?, ?, 0, CURRENT_TIMESTAMP
					WHERE NOT EXISTS (SELECT 1 FROM login_throttles WHERE scope = ? AND subject = ?)""")
				.params(subject.scope().name(), subject.key(), subject.scope().name(), subject.key())
				.update();
		}
		catch (DuplicateKeyException raced) {
			// the concurrent failure created it
		}
	}

	private ThrottlePolicy.@Nullable State find(Subject subject, boolean forUpdate) {
		return this.jdbc
			.sql("SELECT failures, last_failure_at, locked_until FROM login_throttles WHERE scope = ? AND subject = ?"
					+ (forUpdate ? " FOR UPDATE" : ""))
			.params(subject.scope().name(), subject.key())
			.query(LoginThrottle::state)
			.optional()
			.orElse(null);
	}

	private static ThrottlePolicy.State state(ResultSet rs, int row) throws SQLException {
		return new ThrottlePolicy.State(rs.getInt("failures"), Jdbc.instant(rs, "last_failure_at"),
				Jdbc.instant(rs, "locked_until"));
	}

	private ThrottlePolicy policy(Subject subject) {
		return (subject.scope() == Scope.USER) ? this.userPolicy : this.addressPolicy;
	}

}
