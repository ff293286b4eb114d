package io.callbridge.coordination;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Named leases shared by every node through the {@code coordination_leases} table, on the
 * database's clock: a lease is acquired only when free at the database's time now, with a
 * conditional update on the row (of two nodes acquiring at once exactly one wins), and
 * ends at a time computed from the database's clock. The one mechanism behind every
 * schedule, claim and request turn shared by nodes.
 * <p>
 * Releasing a lease can keep it held a while longer: "the next poll no earlier than 4 s
 * from now" is a release that keeps it for 4 s. A node that dies holding a lease blocks
 * the work only until the lease ends.
 */
@Repository
public class Leases {

	private final JdbcClient jdbc;

	private final DatabaseClock clock;

	Leases(JdbcClient jdbc, DatabaseClock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Acquires the lease if it is free now (database time).
	 * @param name what to hold
	 * @param holdFor how long to hold it unless released sooner
	 * @return the lease, or empty when someone holds it
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public Optional<Lease> acquire(String name, Duration holdFor) {
		Instant now = this.clock.now();
		Lease lease = new Lease(name, UUID.randomUUID().toString(), now, now.plus(holdFor));
		int won = this.jdbc.sql("""
				UPDATE coordination_leases SET token = ?, acquired_at = ?, held_until = ?
				WHERE name = ? AND held_until <= ?""")
			.params(lease.token(), ts(now), ts(lease.heldUntil()), name, ts(now))
			.update();
		if (won == 1) {
			return Optional.of(lease);
		}
		// Most attempts find the lease held (schedules try every second on every node):
		// only a lease never acquired is inserted, so a held one costs no failed insert.
		if (heldUntil(name).isPresent()) {
			return Optional.empty();
		}
		return insert(lease) ? Optional.of(lease) : Optional.empty();
	}

	/**
	 * Ends the lease, keeping it held for {@code keepFor} from now (database time): zero
	 * frees it at once. Does nothing when the lease already ended and someone else holds
	 * it.
	 * @return whether the lease was still this holder's
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public boolean release(Lease lease, Duration keepFor) {
		return endAt(lease, this.clock.now().plus(keepFor.isNegative() ? Duration.ZERO : keepFor));
	}

	/**
	 * Ends the lease at {@code until} (database time, e.g. one interval after it was
	 * acquired), or now if that has passed.
	 * @return whether the lease was still this holder's
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public boolean releaseAt(Lease lease, Instant until) {
		// Written as given, not as a wait from a second reading of the clock: the end is
		// exactly the time asked for.
		Instant now = this.clock.now();
		return endAt(lease, until.isAfter(now) ? until : now);
	}

	private boolean endAt(Lease lease, Instant until) {
		return this.jdbc.sql("UPDATE coordination_leases SET held_until = ? WHERE name = ? AND token = ?")
			.params(ts(until), lease.name(), lease.token())
			.update() == 1;
	}

	/** When the named lease ends or ended, if it was ever acquired. */
	public Optional<Instant> heldUntil(String name) {
		return this.jdbc.sql("SELECT held_until FROM coordination_leases WHERE name = ?")
			.param(name)
			.query((rs, n) -> rs.getObject("held_until", OffsetDateTime.class).toInstant())
			.optional();
	}

	private boolean insert(Lease lease) {
		try {
			return this.jdbc.sql("""
					INSERT INTO coordination_leases (name, token, acquired_at, held_until) VALUES (?, ?, ?, ?)""")
				.params(lease.name(), lease.token(), ts(lease.acquiredAt()), ts(lease.heldUntil()))
				.update() == 1;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	private static OffsetDateTime ts(Instant instant) {
		return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
