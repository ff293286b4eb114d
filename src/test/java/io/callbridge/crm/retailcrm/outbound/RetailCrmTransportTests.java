package io.callbridge.crm.retailcrm.outbound;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.crm.CrmCheck;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.CrmRegistrationResult;
import io.callbridge.crm.retailcrm.MovingClock;
import io.callbridge.crm.retailcrm.RetailCrmSimulator;
import io.callbridge.crm.retailcrm.outbound.WireStub.Answer;
import io.callbridge.telephony.CallResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.API_KEY;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.CLIENT_ID;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.connection;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.incoming;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.registration;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.secrets;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector's requests on the wire and what it makes of retailCRM's troubles: the key
 * in its header and the JSON in one form field, quick retries when retailCRM is busy
 * (then success, or "try again later"), {@code Retry-After} honoured by every node,
 * outages, garbage, timeouts and an unreachable address — each with a clear text that
 * never shows a secret.
 */
class RetailCrmTransportTests {

	private static final CrmManager ANNA = new CrmManager(1, "27", "101");

	private final MovingClock clock = new MovingClock();

	private final InMemoryRateLimits limits = new InMemoryRateLimits(this.clock);

	private final RetailCrmConnector connector = RetailCrmFixture.connector(RetailCrmFixture.properties(), this.limits,
			this.clock, this.clock::park);

	private RetailCrmSimulator crm;

	@BeforeEach
	void start() {
		this.crm = RetailCrmSimulator.start(API_KEY);
		this.crm.user(27);
		this.connector.register(connection(this.crm.baseUrl()), secrets(), registration(ANNA));
	}

	@AfterEach
	void stop() {
		this.crm.close();
	}

	@Test
	void sendsTheKeyInItsHeaderAndTheJsonInOneFormField() throws Exception {
		try (WireStub wire = WireStub.start(Answer.json(200, "{\"success\":true}"))) {
			this.connector.deliver(connection(URI.create(wire.baseUrl() + "/api/v5/")), secrets(), incoming(ANNA));

			WireStub.Received request = wire.received().get(0);
			assertThat(request.method()).isEqualTo("POST");
			assertThat(request.path()).isEqualTo("/api/v5/telephony/call/event");
			assertThat(request.query()).isNull();
			assertThat(request.headers().getFirst("X-API-KEY")).isEqualTo(API_KEY);
			assertThat(request.headers().getFirst("Content-Type")).startsWith("application/x-www-form-urlencoded");
			assertThat(request.body()).startsWith("event=").doesNotContain("&");
			String json = URLDecoder.decode(request.body().substring("event=".length()), StandardCharsets.UTF_8);
			assertThat(JsonMapper.shared().readTree(json).path("phone").asString()).isEqualTo("+34910000001");
		}
	}

	@Test
	void asksForTheManagerWithTheNumbersDigits() {
		try (WireStub wire = WireStub.start(Answer.json(200, "{\"success\":true}"))) {
			this.connector.responsibleFor(connection(wire.baseUrl()), secrets(), "+34 910 000 001",
					Duration.ofSeconds(1));

			WireStub.Received request = wire.received().get(0);
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/api/v5/telephony/manager");
			assertThat(List.of(request.query().split("&"))).containsExactlyInAnyOrder("phone=34910000001", "details=0",
					"ignoreStatus=1");
		}
	}

	@Test
	void aBusyRetailCrmIsAskedAgainQuicklyUntilItTakesIt() {
		this.crm.refuseNext(2, 503);

		CrmDeliveryResult result = deliver(incoming(ANNA));

		assertThat(result).isInstanceOf(CrmDeliveryResult.Delivered.class);
		assertThat(this.crm.events()).hasSize(1);
		// Backing off from 25 ms on telephony methods, as retailCRM's own client does.
		assertThat(this.clock.waits()).containsExactly(Duration.ofMillis(25), Duration.ofMillis(50));
	}

	@Test
	void otherMethodsBackOffFromATenthOfASecond() {
		// The general limit's burst (2) is there again, for the first try and one more.
		this.clock.advance(Duration.ofSeconds(10));
		this.crm.refuseNext(1, 429);

		CrmRegistrationResult result = this.connector.register(connection(this.crm.baseUrl()), secrets(),
				registration(ANNA));

		assertThat(result).isInstanceOf(CrmRegistrationResult.Registered.class);
		assertThat(this.clock.waits()).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void aRetailCrmStillBusyAfterThreeTriesIsLeftForLater() {
		int before = this.crm.requests().size();
		this.crm.force(503);

		CrmDeliveryResult result = deliver(upload("42", CallResult.ANSWERED, ANNA, null));

		CrmDeliveryResult.Retry retry = (CrmDeliveryResult.Retry) result;
		assertThat(retry.status()).isEqualTo(503);
		assertThat(retry.error()).contains("telephony/calls/upload").contains("HTTP 503").contains("busy");
		assertThat(this.crm.requests()).hasSize(before + RetailCrmApi.TRIES);
	}

	@Test
	void retryAfterHoldsTheKeyBackOnEveryNode() {
		RetailCrmConnector otherNode = RetailCrmFixture.connector(RetailCrmFixture.properties(), this.limits,
				this.clock, this.clock::park);
		try (WireStub wire = WireStub.start(new Answer(429, Map.of("Retry-After", "30"), ""),
				Answer.json(200, "{\"success\":true}"))) {
			CrmDeliveryResult first = this.connector.deliver(connection(wire.baseUrl()), secrets(), incoming(ANNA));
			CrmDeliveryResult second = otherNode.deliver(connection(wire.baseUrl()), secrets(), incoming(ANNA));

			assertThat(((CrmDeliveryResult.Retry) first).retryAfter()).isEqualTo(Duration.ofSeconds(30));
			CrmDeliveryResult.Retry held = (CrmDeliveryResult.Retry) second;
			assertThat(held.status()).isNull();
			assertThat(held.error()).contains("retailCRM asked to wait").contains("30 s");
			assertThat(wire.received()).hasSize(1);

			this.clock.advance(Duration.ofSeconds(31));
			assertThat(otherNode.deliver(connection(wire.baseUrl()), secrets(), incoming(ANNA)))
				.isInstanceOf(CrmDeliveryResult.Delivered.class);
		}
	}

	@Test
	void anOutageIsLeftForLater() {
		this.crm.down();
		CrmDeliveryResult json = deliver(incoming(ANNA));
		this.crm.downHtml();
		CrmDeliveryResult html = deliver(incoming(ANNA));
		this.crm.up();
		this.crm.force(500);
		CrmDeliveryResult failing = deliver(incoming(ANNA));

		assertThat(json).isInstanceOf(CrmDeliveryResult.Retry.class);
		assertThat(html).isInstanceOf(CrmDeliveryResult.Retry.class);
		assertThat(((CrmDeliveryResult.Retry) failing).error()).contains("failed with HTTP 500");
	}

	@Test
	void garbageIsLeftForLaterWithWhatCame() {
		this.crm.garbage("OK, got it");

		CrmDeliveryResult result = deliver(incoming(ANNA));

		CrmDeliveryResult.Retry retry = (CrmDeliveryResult.Retry) result;
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.error()).contains("not retailCRM’s API: OK, got it").contains("Check the CRM address");
	}

	@Test
	void aSlowRetailCrmTimesOut() {
		RetailCrmConnector impatient = RetailCrmFixture
			.connector(RetailCrmFixture.properties(Duration.ofMillis(300), Duration.ZERO));
		this.crm.delay(Duration.ofSeconds(2));

		CrmDeliveryResult result = impatient.deliver(connection(this.crm.baseUrl()), secrets(), incoming(ANNA));

		CrmDeliveryResult.Retry retry = (CrmDeliveryResult.Retry) result;
		assertThat(retry.status()).isNull();
		assertThat(retry.error()).contains("did not answer in time").contains("PT0.3S");
	}

	@Test
	void anUnreachableAddressIsLeftForLaterAndNamedInTheCheck() throws Exception {
		URI closed = closedPort();

		CrmDeliveryResult result = this.connector.deliver(connection(closed), secrets(), incoming(ANNA));
		CrmCheck check = this.connector.check(connection(closed), secrets());

		assertThat(((CrmDeliveryResult.Retry) result).error()).contains("could not be reached").doesNotContain(API_KEY);
		assertThat(((CrmCheck.Failed) check).field()).isEqualTo("baseUrl");
	}

	@Test
	void noTextShowsTheKeyOrTheClientId() {
		String echo = "{\"success\":false,\"errorMsg\":\"Wrong \\\"apiKey\\\" value.\",\"errors\":{\"apiKey\":\""
				+ API_KEY + "\",\"clientId\":\"" + CLIENT_ID + "\"}}";
		try (WireStub wire = WireStub.start(Answer.json(403, echo),
				Answer.json(201, "{\"success\":true,\"info\":{\"clientId\":\"" + CLIENT_ID + "\"}}"))) {
			CrmDeliveryResult rejected = this.connector.deliver(connection(wire.baseUrl()), secrets(), incoming(ANNA));
			CrmRegistrationResult registered = this.connector.register(connection(wire.baseUrl()), secrets(),
					registration(ANNA));

			assertThat(((CrmDeliveryResult.Rejected) rejected).error()).doesNotContain(API_KEY)
				.doesNotContain(CLIENT_ID)
				.contains("apiKey: ***");
			assertThat(((CrmRegistrationResult.Registered) registered).answer()).doesNotContain(CLIENT_ID);
		}
	}

	private CrmDeliveryResult deliver(io.callbridge.crm.CrmPush push) {
		return this.connector.deliver(connection(this.crm.baseUrl()), secrets(), push);
	}

	private static URI closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
	}

}
