package io.callbridge.callmyway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import io.callbridge.coordination.SimulatedDatabaseClock;
import io.callbridge.support.IntegrationTest;
import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.telephony.RequestSlots;
import io.callbridge.telephony.RequestSlotsFixture;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.callmyway.outbound.CallMyWayFixture.COSTA_RICA;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.PASSWORD;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes reading one CallMyWay account at once (one polling live calls, one
 * syncing CDRs and endpoints): with their turns taken in the shared database, on its
 * clock, CallMyWay sees the requests at least 4 seconds apart and adds no delay — also
 * when one node's clock is seconds ahead of or behind the other's; with per-node turns it
 * would not.
 * <p>
 * Time is simulated: the simulator's clock is the true time, which the database's clock
 * follows, and each node's own clock (what it measures its waits on) is the true time
 * plus a skew.
 */
@IntegrationTest
class CallMyWaySeveralNodesTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	private CallMyWaySimulator callMyWay;

	private CallMyWayAccess access;

	@BeforeEach
	void start() {
		this.jdbc.sql("DELETE FROM provider_request_slots WHERE scope = ?").param("callmyway:" + USERNAME).update();
		this.jdbc.sql("DELETE FROM provider_request_waiters WHERE scope = ?").param("callmyway:" + USERNAME).update();
		this.jdbc.sql("DELETE FROM coordination_leases WHERE name = ?").param("turn:callmyway:" + USERNAME).update();
		this.callMyWay = CallMyWaySimulator.start(USERNAME, PASSWORD,
				new SimulatedClock(Instant.parse("2026-03-02T18:00:00Z")), COSTA_RICA);
		this.callMyWay.account().endpoint("104", "8330101");
		this.access = CallMyWayFixture.access(this.callMyWay.baseUrl(), PASSWORD);
	}

	@AfterEach
	void stop() {
		this.callMyWay.close();
	}

	@Test
	void nodesSharingTheDatabaseKeepCallMyWaysSpacing() {
		readFromTwoNodes(sharedSlots(), sharedSlots(), Duration.ZERO);

		assertSpacedByFourSeconds();
	}

	@ParameterizedTest
	@ValueSource(ints = { 3, -3 })
	void nodesWhoseClocksDifferBySecondsStillKeepCallMyWaysSpacing(int skewSeconds) {
		readFromTwoNodes(sharedSlots(), sharedSlots(), Duration.ofSeconds(skewSeconds));

		assertSpacedByFourSeconds();
	}

	@Test
	void nodesWithTheirOwnSlotsWouldEarnCallMyWaysDelays() {
		SimulatedClock clock = this.callMyWay.clock();
		readFromTwoNodes(new InMemoryRequestSlots(clock), new InMemoryRequestSlots(clock), Duration.ZERO);

		assertThat(this.callMyWay.penalty()).isPositive();
	}

	private void assertSpacedByFourSeconds() {
		assertThat(this.callMyWay.penalty()).isZero();
		List<CallMyWaySimulator.Received> received = this.callMyWay.requests();
		assertThat(received).hasSize(6);
		for (int i = 1; i < received.size(); i++) {
			assertThat(Duration.between(received.get(i - 1).at(), received.get(i).at()))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		}
	}

	/**
	 * One node's turns in the shared database, whose clock is the true (simulated) time.
	 */
	private RequestSlots sharedSlots() {
		return RequestSlotsFixture.shared(this.jdbc,
				new SimulatedDatabaseClock(this.jdbc, this.dataSource, this.callMyWay.clock()));
	}

	private void readFromTwoNodes(RequestSlots slotsOfA, RequestSlots slotsOfB, Duration skewOfB) {
		CallMyWayProperties properties = CallMyWayFixture.anyProperties(this.callMyWay.baseUrl());
		SimulatedClock clock = this.callMyWay.clock();
		CallMyWayApiClient nodeA = new CallMyWayApiClient(properties,
				CallMyWayFixture.gateOn(properties, clock, clock::advance, slotsOfA), (tenant) -> COSTA_RICA,
				CallMyWayFixture.HTTP);
		CallMyWayApiClient nodeB = new CallMyWayApiClient(properties,
				CallMyWayFixture.gateOn(properties, Clock.offset(clock, skewOfB), clock::advance, slotsOfB),
				(tenant) -> COSTA_RICA, CallMyWayFixture.HTTP);
		for (int i = 0; i < 3; i++) {
			nodeA.liveCalls(this.access, true);
			nodeB.recentCdrs(this.access);
		}
	}

}
