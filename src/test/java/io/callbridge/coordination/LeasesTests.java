package io.callbridge.coordination;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a lease has one holder at a time, ends when its holder says, and is measured
 * on the database's clock.
 */
@IntegrationTest
class LeasesTests {

	@Autowired
	Leases leases;

	@Autowired
	DatabaseClock clock;

	@Test
	void aHeldLeaseCannotBeAcquiredAgain() {
		String name = anyName();

		assertThat(this.leases.acquire(name, Duration.ofMinutes(1))).isPresent();
		assertThat(this.leases.acquire(name, Duration.ofMinutes(1))).isEmpty();
	}

	@Test
	void aReleasedLeaseIsFreeAtOnceOrAfterWhatItKept() {
		String name = anyName();
		Lease first = this.leases.acquire(name, Duration.ofMinutes(1)).orElseThrow();

		assertThat(this.leases.release(first, Duration.ZERO)).isTrue();
		Lease second = this.leases.acquire(name, Duration.ofMinutes(1)).orElseThrow();
		assertThat(this.leases.release(second, Duration.ofMinutes(5))).isTrue();

		assertThat(this.leases.acquire(name, Duration.ofMinutes(1))).isEmpty();
		assertThat(this.leases.heldUntil(name))
			.hasValueSatisfying((until) -> assertThat(until).isAfter(this.clock.now().plus(Duration.ofMinutes(4))));
	}

	@Test
	void aLeaseReleasedAtATimeEndsExactlyThen() {
		String name = anyName();
		Lease lease = this.leases.acquire(name, Duration.ofMinutes(1)).orElseThrow();
		Instant until = lease.acquiredAt().plus(Duration.ofSeconds(4));

		this.leases.releaseAt(lease, until);

		assertThat(this.leases.heldUntil(name)).contains(until);
	}

	@Test
	void aStaleHolderCannotReleaseALeaseSomeoneElseTook() {
		String name = anyName();
		Lease stale = this.leases.acquire(name, Duration.ZERO).orElseThrow();
		Lease current = this.leases.acquire(name, Duration.ofMinutes(1)).orElseThrow();

		assertThat(this.leases.release(stale, Duration.ZERO)).isFalse();
		assertThat(this.leases.acquire(name, Duration.ofMinutes(1))).isEmpty();
		assertThat(current.acquiredAt()).isAfterOrEqualTo(stale.acquiredAt());
	}

	@Test
	void ofManyConcurrentAcquisitionsExactlyOneWins() throws Exception {
		String name = anyName();
		List<Callable<Optional<Lease>>> attempts = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			attempts.add(() -> this.leases.acquire(name, Duration.ofMinutes(1)));
		}
		try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
			long won = 0;
			for (Future<Optional<Lease>> attempt : executor.invokeAll(attempts)) {
				won += attempt.get().isPresent() ? 1 : 0;
			}
			assertThat(won).isEqualTo(1);
		}
	}

	private static String anyName() {
		return "test:" + UUID.randomUUID();
	}

}
