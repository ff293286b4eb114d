package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.callmyway.CallMyWayApiException.Kind;
import io.callbridge.callmyway.CallMyWayCdr;
import io.callbridge.callmyway.CallMyWaySimulator;
import io.callbridge.callmyway.CallMyWaySimulator.Fault;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static io.callbridge.callmyway.outbound.CallMyWayFixture.COSTA_RICA;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.PASSWORD;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The CallMyWay API client against the simulator on loopback: endpoints, live calls,
 * recent and paged CDRs, Click2Dial, how each kind of failure is reported, that the
 * password never shows in a message, and that the 4-second gate keeps CallMyWay from
 * adding its delays.
 */
class CallMyWayApiClientTests {

	private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 2, 0, 0);

	private CallMyWaySimulator callMyWay;

	private CallMyWayApiClient client;

	private CallMyWayAccess access;

	private final List<String> messages = new ArrayList<>();

	@BeforeEach
	void start() {
		this.callMyWay = CallMyWaySimulator.start(USERNAME, PASSWORD,
				new SimulatedClock(Instant.parse("2026-03-02T18:00:00Z")), COSTA_RICA);
		this.callMyWay.account().endpoint("104", "8330101").endpoint("43702", USERNAME);
		this.client = CallMyWayFixture.apiClient(CallMyWayFixture.anyProperties(this.callMyWay.baseUrl()),
				this.callMyWay.clock());
		this.access = CallMyWayFixture.access(this.callMyWay.baseUrl(), PASSWORD);
	}

	@AfterEach
	void stop() {
		this.callMyWay.close();
		String encoded = URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
		assertThat(this.messages).allSatisfy((message) -> assertThat(message).doesNotContain(PASSWORD)
			.doesNotContain(encoded)
			.doesNotContain("s3cr"));
	}

	@Test
	void readsTheEndpointsByIdWithTheCredentialsUrlEncoded() {
		assertThat(this.client.endpoints(this.access)).containsExactly(Map.entry("104", "8330101"),
				Map.entry("43702", USERNAME));
		assertThat(this.callMyWay.requests("/getEndpoints.php").get(0).params()).containsEntry("password", PASSWORD);
	}

	@Test
	void readsLiveCallsNotConnectedUntilAnswered() {
		String inbound = this.callMyWay.account().startInbound("50688887777", USERNAME);
		this.callMyWay.account().startOutbound("8330101", "50671022296");

		List<CallMyWayCdr> live = this.client.liveCalls(this.access, true);
		assertThat(live).hasSize(2).allSatisfy((cdr) -> {
			assertThat(cdr.connected()).isFalse();
			assertThat(cdr.duration()).isZero();
		});
		this.callMyWay.account().connect(inbound);
		List<CallMyWayCdr> ours = this.client.liveCalls(this.access, false);
		assertThat(ours).singleElement().satisfies((cdr) -> {
			assertThat(cdr.callId()).isEqualTo(inbound);
			assertThat(cdr.connected()).isTrue();
			// connected before the second request, which waited its 4.2 s turn
			assertThat(cdr.connectedAt(COSTA_RICA)).isEqualTo(Instant.parse("2026-03-02T18:00:00Z"));
		});
		assertThat(this.callMyWay.requests("/getCdrs.php").get(1).params()).containsEntry("live", "1")
			.containsEntry("fullAccount", "0");
	}

	@Test
	void readsTheCallsOfTheLast24HoursWithTheirCost() {
		String call = this.callMyWay.account().startOutbound(USERNAME, "50671022296");
		this.callMyWay.account().connect(call);
		this.callMyWay.clock().advance(Duration.ofSeconds(120));
		this.callMyWay.account().end(call);

		assertThat(this.client.recentCdrs(this.access)).singleElement().satisfies((cdr) -> {
			assertThat(cdr.duration()).isEqualTo(120);
			assertThat(cdr.cost()).isEqualByComparingTo("50.37");
			assertThat(cdr.rate()).isEqualByComparingTo("25.185");
			assertThat(cdr.routeName()).isEqualTo("COSTA RICA MOBILE ICE");
			assertThat(cdr.accessEndpointId()).isEqualTo("43702");
			assertThat(cdr.dstEndpointId()).isNull();
		});
	}

	@Test
	void pagesTheCdrsOfAPeriodWithoutEverTriggeringCallMyWaysDelay() {
		for (int i = 0; i < 23; i++) {
			this.callMyWay.account().recordCall(USERNAME, "5067100" + i, DAY.plusMinutes(i), i % 2 == 0, 30 + i);
		}
		this.callMyWay.account().recordCall(USERNAME, "50600000000", DAY.plusDays(1), true, 10);
		Instant before = this.callMyWay.clock().instant();

		List<CallMyWayCdr> all = new ArrayList<>();
		for (int ini = 0; ini < 25; ini += 5) {
			all.addAll(this.client.cdrs(this.access, DAY, DAY.plusDays(1), ini, 5));
		}

		assertThat(all).hasSize(23).extracting(CallMyWayCdr::callId).doesNotHaveDuplicates();
		assertThat(this.callMyWay.requests("/getCdrs.php")).hasSize(5)
			.allSatisfy((request) -> assertThat(request.penalty()).isZero());
		assertThat(this.callMyWay.penalty()).isZero();
		assertThat(Duration.between(before, this.callMyWay.clock().instant()))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(16));
		assertThat(this.callMyWay.requests("/getCdrs.php").get(0).params())
			.containsEntry("dateStart", "2026-03-02 00:00:00")
			.containsEntry("dateEnd", "2026-03-03 00:00:00")
			.containsEntry("ini", "0")
			.containsEntry("cant", "5");
	}

	@Test
	void theSimulatorWouldDelayAClientWithoutTheGate() {
		CallMyWayApiClient ungated = new CallMyWayApiClient(CallMyWayFixture.anyProperties(this.callMyWay.baseUrl()),
				new CallMyWayRequestGate(Duration.ZERO, Duration.ZERO, Duration.ZERO, this.callMyWay.clock(),
						this.callMyWay.clock()::advance, new InMemoryRequestSlots(this.callMyWay.clock())),
				(tenant) -> COSTA_RICA, CallMyWayFixture.HTTP);
		this.callMyWay.spacing(CallMyWaySimulator.SPACING);
		for (int i = 0; i < 3; i++) {
			ungated.endpoints(this.access);
		}
		assertThat(this.callMyWay.penalty()).isEqualTo(Duration.ofSeconds(4 + 8));
	}

	@Test
	void aWrongPasswordIsRejectedWithCallMyWaysMessage() {
		CallMyWayApiException ex = failure(
				() -> this.client.endpoints(CallMyWayFixture.access(this.callMyWay.baseUrl(), "wrong")));
		assertThat(ex.kind()).isEqualTo(Kind.REJECTED);
		assertThat(ex.getMessage()).isEqualTo("Invalid username or password");
	}

	@Test
	void anAddressNotOnTheAllowListIsRejected() {
		this.callMyWay.allowIps("203.0.113.7");
		CallMyWayApiException ex = failure(() -> this.client.recentCdrs(this.access));
		assertThat(ex.kind()).isEqualTo(Kind.REJECTED);
		assertThat(ex.getMessage()).isEqualTo("IP not authorized");
	}

	@Test
	void answersThatAreNotTheDocumentedJsonAreMalformed() {
		for (Fault fault : List.of(Fault.MALFORMED_JSON, Fault.TRUNCATED_BODY, Fault.NO_DATA, Fault.BAD_DURATION)) {
			this.callMyWay.faultNext(fault);
			CallMyWayApiException ex = failure(() -> this.client.liveCalls(this.access, true));
			assertThat(ex.kind()).as(fault.name()).isEqualTo(Kind.MALFORMED);
		}
		assertThat(this.messages.get(1)).contains("malformed or truncated");
		assertThat(this.messages.get(2)).contains("has no cdrs");
		assertThat(this.messages.get(3)).contains("duration that is not a number: 'abc'");
	}

	@Test
	void serverErrorsTimeoutsAndClosedPortsAreUnreachable() {
		this.callMyWay.faultNext(Fault.SERVER_ERROR);
		assertThat(failure(() -> this.client.endpoints(this.access)).kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(this.messages.get(0)).contains("HTTP 500");

		CallMyWayApiClient impatient = new CallMyWayApiClient(
				CallMyWayFixture.properties(this.callMyWay.baseUrl(), Duration.ofMillis(300), false), CallMyWayFixture
					.gateOn(CallMyWayFixture.anyProperties(this.callMyWay.baseUrl()), this.callMyWay.clock()),
				(tenant) -> COSTA_RICA, CallMyWayFixture.HTTP);
		this.callMyWay.slow(Duration.ofSeconds(2));
		assertThat(failure(() -> impatient.endpoints(this.access)).kind()).isEqualTo(Kind.UNREACHABLE);
		assertThat(this.messages.get(1)).contains("did not answer /getEndpoints.php in time");
		this.callMyWay.healthy();

		CallMyWayAccess nowhere = CallMyWayFixture.access(URI.create("http://127.0.0.1:1"), PASSWORD);
		assertThat(failure(() -> this.client.clickToDial(nowhere, USERNAME, "5550100")).kind())
			.isEqualTo(Kind.UNREACHABLE);
		assertThat(this.messages.get(2)).contains("could not be reached");
	}

	@Test
	void clickToDialCallsTheFirstNumberThenTheSecond() {
		this.client.clickToDial(this.access, USERNAME, "50671022296");
		assertThat(this.callMyWay.account().clickToDials()).singleElement().satisfies((c) -> {
			assertThat(c.firstNum()).isEqualTo(USERNAME);
			assertThat(c.secondNum()).isEqualTo("50671022296");
		});
	}

	@Test
	void clickToDialIsRefusedWhileTheUserHasACallInProgress() {
		this.callMyWay.account().startInbound("50688887777", USERNAME);
		CallMyWayApiException ex = failure(() -> this.client.clickToDial(this.access, USERNAME, "50671022296"));
		assertThat(ex.kind()).isEqualTo(Kind.REFUSED);
		assertThat(ex.getMessage()).isEqualTo("The user already has an active call");
	}

	@Test
	void clickToDialIsNotHeldBehindTheGate() {
		this.client.endpoints(this.access);
		Instant after = this.callMyWay.clock().instant();
		this.client.clickToDial(this.access, USERNAME, "50671022296");
		assertThat(this.callMyWay.clock().instant()).isEqualTo(after);
	}

	private CallMyWayApiException failure(Executable request) {
		CallMyWayApiException ex = catchThrowableOfType(CallMyWayApiException.class, request::execute);
		assertThat(ex).isNotNull();
		this.messages.add(ex.getMessage());
		return ex;
	}

}
