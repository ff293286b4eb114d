package io.callbridge.callmyway.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.callbridge.support.IntegrationTest;
import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.telephony.ProviderRequestSlots;
import io.callbridge.telephony.RequestSlots;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.callbridge.callmyway.outbound.CallMyWayFixture.COSTA_RICA;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.PASSWORD;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server nodes reading one CallMyWay account at once (one polling live calls, one
 * syncing CDRs and endpoints): with their slots booked in the shared database, CallMyWay
 * sees the requests at least 4 seconds apart and adds no delay; with per-node slots it
 * would.
 */
@IntegrationTest
class CallMyWaySeveralNodesTests {

	@Autowired
	ProviderRequestSlots sharedSlots;

	@Autowired
	JdbcClient jdbc;

	private CallMyWaySimulator callMyWay;

	private CallMyWayAccess access;

	@BeforeEach
	void start() {
		this.jdbc.sql("DELETE FROM provider_request_slots WHERE scope = ?").param("callmyway:" + USERNAME).update();
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
		readFromTwoNodes(this.sharedSlots, this.sharedSlots);

		assertThat(this.callMyWay.penalty()).isZero();
		List<CallMyWaySimulator.Received> received = this.callMyWay.requests();
		assertThat(received).hasSize(6);
		for (int i = 1; i < received.size(); i++) {
			assertThat(Duration.between(received.get(i - 1).at(), received.get(i).at()))
				.isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		}
	}

	@Test
	void nodesWithTheirOwnSlotsWouldEarnCallMyWaysDelays() {
		readFromTwoNodes(new InMemoryRequestSlots(), new InMemoryRequestSlots());

		assertThat(this.callMyWay.penalty()).isPositive();
	}

	private void readFromTwoNodes(RequestSlots slotsOfA, RequestSlots slotsOfB) {
		CallMyWayProperties properties = CallMyWayFixture.anyProperties(this.callMyWay.baseUrl());
		SimulatedClock clock = this.callMyWay.clock();
		CallMyWayApiClient nodeA = new CallMyWayApiClient(properties,
				CallMyWayFixture.gateOn(properties, clock, slotsOfA), (tenant) -> COSTA_RICA, CallMyWayFixture.HTTP);
		CallMyWayApiClient nodeB = new CallMyWayApiClient(properties,
				CallMyWayFixture.gateOn(properties, clock, slotsOfB), (tenant) -> COSTA_RICA, CallMyWayFixture.HTTP);
		for (int i = 0; i < 3; i++) {
			nodeA.liveCalls(this.access, true);
			nodeB.recentCdrs(this.access);
		}
	}

}
