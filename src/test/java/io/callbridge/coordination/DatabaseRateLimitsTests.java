package io.callbridge.coordination;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import io.callbridge.coordination.RateLimits.Decision;
import io.callbridge.coordination.RateLimits.Limit;
import io.callbridge.support.IntegrationTest;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits in the database, on its clock (simulated here, so the test can move it): of
 * many nodes asking at once no more than a bucket holds are granted, a refusal says when
 * the bucket holds a request again, a request counts against all its limits or none, and
 * a provider's hold-back stops every node until it ends.
 */
@IntegrationTest
class DatabaseRateLimitsTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	private final SimulatedClock time = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));

	private final Limit limit = new Limit("test:" + UUID.randomUUID(), 5, 6, MINUTE);

	@Test
	void ofManyNodesAskingAtOnceOnlyAsManyAsTheBucketHoldsAreGranted() throws Exception {
		List<Callable<Decision>> attempts = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			RateLimits node = node();
			attempts.add(() -> node.take(List.of(this.limit)));
		}
		int granted = 0;
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<Decision> decision : pool.invokeAll(attempts)) {
				granted += (decision.get() instanceof Decision.Granted) ? 1 : 0;
			}
		}

		assertThat(granted).isEqualTo(5);
	}

	@Test
	void aRefusalSaysWhenTheBucketHoldsARequestAgain() {
		RateLimits limits = node();
		for (int i = 0; i < 5; i++) {
			assertThat(limits.take(List.of(this.limit))).isInstanceOf(Decision.Granted.class);
		}

		assertThat(limits.take(List.of(this.limit)))
			.isEqualTo(new Decision.Refused(Duration.ofSeconds(10), this.limit.scope(), false));
		this.time.advance(Duration.ofSeconds(10));
		assertThat(node().take(List.of(this.limit))).isInstanceOf(Decision.Granted.class);
	}

	@Test
	void aRequestCountsAgainstAllItsLimitsOrNone() {
		Limit narrow = new Limit(this.limit.scope() + ":narrow", 1, 1, MINUTE);
		RateLimits limits = node();
		assertThat(limits.take(List.of(this.limit, narrow))).isInstanceOf(Decision.Granted.class);

		assertThat(limits.take(List.of(narrow, this.limit))).isInstanceOf(Decision.Refused.class);

		for (int i = 0; i < 4; i++) {
			assertThat(limits.take(List.of(this.limit))).as("request %s", i).isInstanceOf(Decision.Granted.class);
		}
	}

	@Test
	void aHoldBackStopsEveryNodeUntilItEnds() {
		node().holdBack(this.limit.scope(), Duration.ofSeconds(45));

		assertThat(node().take(List.of(this.limit)))
			.isEqualTo(new Decision.Refused(Duration.ofSeconds(45), this.limit.scope(), true));
		this.time.advance(Duration.ofSeconds(45));
		assertThat(node().take(List.of(this.limit))).isInstanceOf(Decision.Granted.class);
	}

	private RateLimits node() {
		return new DatabaseRateLimits(this.jdbc, new SimulatedDatabaseClock(this.jdbc, this.dataSource, this.time),
				this.transactions);
	}

}
