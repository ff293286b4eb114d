package io.callbridge.zadarma.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.callbridge.coordination.CoordinationFixture;
import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.coordination.RateLimits;
import io.callbridge.coordination.SimulatedDatabaseClock;
import io.callbridge.support.IntegrationTest;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.zadarma.SimulatedClock;
import io.callbridge.zadarma.ZadarmaSimulator;
import io.callbridge.zadarma.outbound.ZadarmaApiException.Kind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static io.callbridge.zadarma.outbound.ZadarmaFixture.KEY;
import static io.callbridge.zadarma.outbound.ZadarmaFixture.SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes using one Zadarma API key at once, each with its own limiter on the
 * shared database, sending as fast as their limiter lets them for minutes: together they
 * never send Zadarma more than its limits (100 requests a minute, 3 for statistics) as
 * the Zadarma simulator counts them, so they never earn its 429; with a limiter per node
 * they would.
 * <p>
 * Time is simulated: the simulator's clock is the true time, which the database's clock
 * follows; node B's own clock is 3 s ahead, and waiting advances the true time.
 */
@IntegrationTest
class ZadarmaSeveralNodesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	private ZadarmaSimulator zadarma;

	private ZadarmaAccess access;

	private ZadarmaProperties properties;

	@BeforeEach
	void start() {
		this.jdbc.sql("DELETE FROM coordination_rate_limits WHERE scope LIKE ?").param("zadarma:" + KEY + "%").update();
		// The simulator's minute does not move: every request falls into one of its
		// windows.
		this.zadarma = ZadarmaSimulator.start(KEY, SECRET);
		this.access = ZadarmaFixture.access(this.zadarma.baseUrl(), SECRET);
		this.properties = ZadarmaFixture.anyProperties(this.zadarma.baseUrl());
	}

	@AfterEach
	void stop() {
		this.zadarma.close();
	}

	@Test
	void nodesSharingTheDatabaseTogetherSendAtMostAHundredRequestsAMinute() {
		Instant start = this.zadarma.clock().instant();
		int sent = fromTwoNodes(sharedLimits(), sharedLimits(), 150, (node) -> node.balance(this.access));

		assertThat(sent).isEqualTo(300);
		assertThat(this.zadarma.count(429)).isZero();
		// 300 requests at 100 a minute at most
		assertThat(Duration.between(start, this.zadarma.clock().instant())).isGreaterThan(Duration.ofMinutes(2));
	}

	@Test
	void nodesSharingTheDatabaseTogetherSendAtMostThreeStatisticsRequestsAMinute() {
		Instant to = Instant.parse("2026-01-01T00:00:00Z");
		int sent = fromTwoNodes(sharedLimits(), sharedLimits(), 5,
				(node) -> node.pbxStatistics(this.access, to.minus(1, ChronoUnit.DAYS), to));

		assertThat(sent).isEqualTo(10);
		assertThat(this.zadarma.count(429)).isZero();
	}

	@Test
	void nodesWithTheirOwnLimitersWouldExceedZadarmasLimit() {
		SimulatedClock clock = this.zadarma.clock();
		fromTwoNodes(new InMemoryRateLimits(clock), new InMemoryRateLimits(clock), 150,
				(node) -> node.balance(this.access));

		assertThat(this.zadarma.count(429)).isPositive();
	}

	private RateLimits sharedLimits() {
		return CoordinationFixture.rateLimits(this.jdbc,
				new SimulatedDatabaseClock(this.jdbc, this.dataSource, this.zadarma.clock()), this.transactions);
	}

	/**
	 * Each node in turn makes a request, {@code each} times; a request its limiter
	 * refuses is not sent.
	 * @return how many requests were sent and answered
	 */
	private int fromTwoNodes(RateLimits ofA, RateLimits ofB, int each, Consumer<ZadarmaApiClient> request) {
		SimulatedClock clock = this.zadarma.clock();
		ZadarmaApiClient nodeA = new ZadarmaApiClient(this.properties,
				new ZadarmaRateLimits(this.properties, ofA, clock, clock::advance), ProviderHttpClients.unobserved());
		ZadarmaApiClient nodeB = new ZadarmaApiClient(this.properties,
				new ZadarmaRateLimits(this.properties, ofB, Clock.offset(clock, Duration.ofSeconds(3)), clock::advance),
				ProviderHttpClients.unobserved());
		int sent = 0;
		for (int i = 0; i < each; i++) {
			for (ZadarmaApiClient node : new ZadarmaApiClient[] { nodeA, nodeB }) {
				try {
					request.accept(node);
					sent++;
				}
				catch (ZadarmaApiException ex) {
					assertThat(ex.kind()).isEqualTo(Kind.RATE_LIMITED);
				}
			}
		}
		return sent;
	}

}
