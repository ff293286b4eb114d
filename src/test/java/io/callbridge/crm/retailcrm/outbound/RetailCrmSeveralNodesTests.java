package io.callbridge.crm.retailcrm.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.callbridge.coordination.CoordinationFixture;
import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.coordination.RateLimits;
import io.callbridge.coordination.SimulatedDatabaseClock;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.retailcrm.MovingClock;
import io.callbridge.crm.retailcrm.RetailCrmSimulator;
import io.callbridge.crm.retailcrm.outbound.WireStub.Answer;
import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.connection;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.incoming;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.registration;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.secrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes sending with one retailCRM API key at once, each with its own limiter
 * on the shared database (H2 and PostgreSQL): together they never send retailCRM more
 * than its 40 telephony requests a second as the retailCRM simulator counts them, so it
 * never answers 503; with a limiter per node it would. A {@code Retry-After} one node got
 * holds the other back too.
 * <p>
 * Time is simulated: the simulator's clock is the true time, which the database's clock
 * follows; node B's own clock is 300 ms ahead, and waiting advances the true time.
 */
@IntegrationTest
class RetailCrmSeveralNodesTests {

	private static final CrmManager ANNA = new CrmManager(1, "27", "101");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactions;

	private final MovingClock clock = new MovingClock();

	// Each run has a key of its own: the limits' rows outlive a run on PostgreSQL.
	private final String apiKey = "rc-" + UUID.randomUUID();

	private RetailCrmSimulator crm;

	@BeforeEach
	void start() {
		this.jdbc.sql("DELETE FROM coordination_rate_limits WHERE scope LIKE 'retailcrm:%'").update();
		this.crm = RetailCrmSimulator.start(this.apiKey, this.clock);
		this.crm.user(27);
		RetailCrmFixture.connector().register(connection(this.crm.baseUrl()), secrets(this.apiKey), registration(ANNA));
	}

	@AfterEach
	void stop() {
		this.crm.close();
	}

	@Test
	void nodesSharingTheDatabaseTogetherStayUnderRetailCrmsLimit() {
		List<RetailCrmConnector> nodes = nodes(sharedLimits(), sharedLimits());

		int delivered = fromBoth(nodes, 100);

		assertThat(delivered).isEqualTo(200);
		assertThat(this.crm.refused()).isZero();
		assertThat(this.crm.events()).hasSize(200);
	}

	@Test
	void nodesWithTheirOwnLimitersWouldExceedIt() {
		List<RetailCrmConnector> nodes = nodes(new InMemoryRateLimits(this.clock), new InMemoryRateLimits(this.clock));

		fromBoth(nodes, 100);

		assertThat(this.crm.refused("rate limit")).isPositive();
	}

	@Test
	void retryAfterOnOneNodeHoldsTheOtherBack() {
		List<RetailCrmConnector> nodes = nodes(sharedLimits(), sharedLimits());
		try (WireStub wire = WireStub.start(new Answer(503, java.util.Map.of("Retry-After", "20"), ""),
				Answer.json(200, "{\"success\":true}"))) {
			CrmDeliveryResult first = nodes.get(0)
				.deliver(connection(wire.baseUrl()), secrets(this.apiKey), incoming(ANNA));
			CrmDeliveryResult second = nodes.get(1)
				.deliver(connection(wire.baseUrl()), secrets(this.apiKey), incoming(ANNA));

			assertThat(((CrmDeliveryResult.Retry) first).retryAfter()).isEqualTo(Duration.ofSeconds(20));
			assertThat(((CrmDeliveryResult.Retry) second).error()).contains("retailCRM asked to wait");
			assertThat(wire.received()).hasSize(1);
		}
	}

	private RateLimits sharedLimits() {
		return CoordinationFixture.rateLimits(this.jdbc,
				new SimulatedDatabaseClock(this.jdbc, this.dataSource, this.clock), this.transactions);
	}

	private List<RetailCrmConnector> nodes(RateLimits ofA, RateLimits ofB) {
		RetailCrmProperties properties = RetailCrmFixture.properties(Duration.ofSeconds(5), Duration.ofSeconds(2));
		return List.of(RetailCrmFixture.connector(properties, ofA, this.clock, this.clock::park), RetailCrmFixture
			.connector(properties, ofB, Clock.offset(this.clock, Duration.ofMillis(300)), this.clock::park));
	}

	/**
	 * Each node in turn sends an event, {@code each} times.
	 * @return how many retailCRM took
	 */
	private int fromBoth(List<RetailCrmConnector> nodes, int each) {
		int delivered = 0;
		for (int i = 0; i < each; i++) {
			for (RetailCrmConnector node : nodes) {
				CrmDeliveryResult result = node.deliver(connection(this.crm.baseUrl()), secrets(this.apiKey),
						incoming(ANNA));
				delivered += (result instanceof CrmDeliveryResult.Delivered) ? 1 : 0;
			}
		}
		return delivered;
	}

}
