package io.callbridge.coordination;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RateLimits} in the database, on its clock: each scope has a row in
 * {@code coordination_rate_limits} with its bucket's content, when it was last counted,
 * and the provider's hold-back. A request locks the rows of its scopes
 * ({@code SELECT ... FOR UPDATE}, in name order so two requests never wait for each other
 * crosswise), reads the database's time, refills the buckets for the time elapsed and is
 * granted only when every bucket holds a request: so the requests of all nodes together
 * never exceed a limit.
 */
@Repository
public class DatabaseRateLimits implements RateLimits {

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	private final TransactionTemplate transaction;

	private final TransactionTemplate outsideTransactions;

	DatabaseRateLimits(JdbcClient jdbc, DatabaseClock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.outsideTransactions = new TransactionTemplate(transactions);
		this.outsideTransactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
	}

	@Override
	public Decision take(List<Limit> limits) {
		List<Limit> ordered = limits.stream().sorted(Comparator.comparing(Limit::scope)).toList();
		ordered.forEach((limit) -> ensureRow(limit.scope()));
		Decision decision = this.transaction.execute((status) -> takeLocked(ordered));
		return (decision != null) ? decision : new Decision.Granted();
	}

	@Override
	public void holdBack(String scope, Duration duration) {
		ensureRow(scope);
		this.transaction.executeWithoutResult((status) -> {
			Instant current = lock(scope).heldBackUntil();
			Instant until = this.clock.now().plus(duration);
			if (current == null || until.isAfter(current)) {
				this.jdbc.sql("UPDATE coordination_rate_limits SET held_back_until = ? WHERE scope = ?")
					.params(ts(until), scope)
					.update();
			}
		});
	}

	private Decision takeLocked(List<Limit> limits) {
		List<Bucket> buckets = new ArrayList<>();
		for (Limit limit : limits) {
			buckets.add(lock(limit.scope()));
		}
		// Read after the locks: the time of this decision, not earlier than any counted.
		Instant now = this.clock.now();
		Decision.Refused refused = null;
		List<Double> contents = new ArrayList<>();
		for (int i = 0; i < limits.size(); i++) {
			Limit limit = limits.get(i);
			Bucket bucket = buckets.get(i);
			double tokens = bucket.content(limit, now);
			contents.add(tokens);
			Decision.Refused full = refusal(limit, bucket, tokens, now);
			if (full != null && (refused == null || full.retryIn().compareTo(refused.retryIn()) > 0)) {
				refused = full;
			}
		}
		if (refused != null) {
			return refused;
		}
		for (int i = 0; i < limits.size(); i++) {
			this.jdbc.sql("UPDATE coordination_rate_limits SET tokens = ?, counted_at = ? WHERE scope = ?")
				.params(contents.get(i) - 1, ts(now), limits.get(i).scope())
				.update();
		}
		return new Decision.Granted();
	}

	private static Decision.@Nullable Refused refusal(Limit limit, Bucket bucket, double tokens, Instant now) {
		if (bucket.heldBackUntil() != null && bucket.heldBackUntil().isAfter(now)) {
			return new Decision.Refused(Duration.between(now, bucket.heldBackUntil()), limit.scope(), true);
		}
		if (tokens >= 1) {
			return null;
		}
		return new Decision.Refused(limit.untilOne(tokens), limit.scope(), false);
	}

	private Bucket lock(String scope) {
		return this.jdbc
			.sql("SELECT tokens, counted_at, held_back_until FROM coordination_rate_limits WHERE scope = ? FOR UPDATE")
			.param(scope)
			.query((rs, n) -> {
				double tokens = rs.getDouble("tokens");
				boolean full = rs.wasNull();
				return new Bucket(full ? null : tokens, instant(rs.getObject("counted_at", OffsetDateTime.class)),
						instant(rs.getObject("held_back_until", OffsetDateTime.class)));
			})
			.single();
	}

	// Outside any transaction (the caller's is suspended): on PostgreSQL a failed insert
	// would end the transaction it ran in.
	private void ensureRow(String scope) {
		this.outsideTransactions.executeWithoutResult((status) -> {
			boolean exists = this.jdbc.sql("SELECT COUNT(*) FROM coordination_rate_limits WHERE scope = ?")
				.param(scope)
				.query(Long.class)
				.single() > 0;
			if (!exists) {
				insertRow(scope);
			}
		});
	}

	private void insertRow(String scope) {
		try {
			this.jdbc.sql("INSERT INTO coordination_rate_limits (scope) VALUES (?)").param(scope).update();
		}
		catch (DuplicateKeyException ex) {
			// another node created it first
		}
	}

	private static OffsetDateTime ts(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

	private static @Nullable Instant instant(@Nullable OffsetDateTime time) {
		return (time != null) ? time.toInstant() : null;
	}

	/**
	 * A scope's row.
	 *
	 * @param tokens the bucket's content when last counted; null when never counted
	 * (full)
	 * @param countedAt when it was last counted
	 * @param heldBackUntil the provider's hold-back, if any
	 */
	private record Bucket(@Nullable Double tokens, @Nullable Instant countedAt, @Nullable Instant heldBackUntil) {

		double content(Limit limit, Instant now) {
			if (this.tokens == null || this.countedAt == null) {
				return limit.capacity();
			}
			return limit.refilled(this.tokens, Duration.between(this.countedAt, now));
		}

	}

}
