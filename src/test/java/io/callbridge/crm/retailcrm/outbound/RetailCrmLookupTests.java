package io.callbridge.crm.retailcrm.outbound;

import java.time.Duration;

import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.crm.CrmLookup;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.crm.retailcrm.MovingClock;
import io.callbridge.crm.retailcrm.RetailCrmManager;
import io.callbridge.crm.retailcrm.RetailCrmSimulator;
import io.callbridge.crm.retailcrm.outbound.WireStub.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.API_KEY;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.connection;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.registration;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.secrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asking retailCRM for a caller's responsible manager while the call rings, against the
 * retailCRM simulator: the manager by user id and code whatever their status, none, and
 * every failure answered within the routing budget instead of waiting.
 */
class RetailCrmLookupTests {

	private static final Duration BUDGET = Duration.ofSeconds(2);

	private static final String CALLER = "+34910000001";

	private final MovingClock clock = new MovingClock();

	private final RetailCrmConnector connector = RetailCrmFixture.connector(
			RetailCrmFixture.properties(Duration.ofSeconds(5), Duration.ofSeconds(2)),
			new InMemoryRateLimits(this.clock), this.clock, this.clock::park);

	private RetailCrmSimulator crm;

	@BeforeEach
	void start() {
		this.crm = RetailCrmSimulator.start(API_KEY);
		this.connector.register(connection(this.crm.baseUrl()), secrets(), registration());
	}

	@AfterEach
	void stop() {
		this.crm.close();
	}

	@Test
	void findsTheResponsibleManagerByUserIdAndCode() {
		this.crm.directory("34910000001", RetailCrmManager.free(27, "Anna", "101"), null);

		CrmLookup lookup = lookUp(CALLER);

		assertThat(lookup).isEqualTo(new CrmLookup.Found(new CrmUserRef("27", "101")));
		assertThat(this.crm.lookups()).containsExactly("34910000001");
	}

	@Test
	void findsAManagerWhoIsNotFree() {
		this.crm.directory(CALLER, new RetailCrmManager(28, "Boris", "M", "b@shop.example", null, "dinner"), null);

		assertThat(lookUp(CALLER)).isEqualTo(new CrmLookup.Found(new CrmUserRef("28", null)));
	}

	@Test
	void aNumberWithoutAManagerHasNone() {
		assertThat(lookUp("+34910000077")).isInstanceOf(CrmLookup.NotFound.class);
	}

	@Test
	void retailCrmsNotFoundIsNone() {
		try (WireStub wire = WireStub.start(Answer.json(404, "{\"success\":false,\"errorMsg\":\"Not found\"}"))) {
			assertThat(this.connector.responsibleFor(connection(wire.baseUrl()), secrets(), CALLER, BUDGET))
				.isInstanceOf(CrmLookup.NotFound.class);
		}
	}

	@Test
	void anAddressWithoutTheMethodFails() {
		try (WireStub wire = WireStub
			.start(Answer.json(404, "{\"success\":false,\"errorMsg\":\"API method not found\"}"))) {
			CrmLookup lookup = this.connector.responsibleFor(connection(wire.baseUrl()), secrets(), CALLER, BUDGET);

			assertThat(((CrmLookup.Failed) lookup).error()).contains("does not know this API method");
		}
	}

	@Test
	void aSlowRetailCrmFailsWithinTheBudget() {
		this.crm.delay(Duration.ofSeconds(3));

		CrmLookup lookup = this.connector.responsibleFor(connection(this.crm.baseUrl()), secrets(), CALLER,
				Duration.ofMillis(200));

		assertThat(((CrmLookup.Failed) lookup).error()).contains("did not answer in time").contains("PT0.2S");
	}

	@Test
	void aBusyRetailCrmIsNotAskedAgain() {
		this.crm.force(503);

		CrmLookup lookup = lookUp(CALLER);

		assertThat(((CrmLookup.Failed) lookup).error()).contains("HTTP 503");
		assertThat(this.crm.lookups()).isEmpty();
		assertThat(this.clock.waits()).isEmpty();
	}

	@Test
	void noRoomUnderTheLimitFailsAtOnce() {
		// The telephony limit's burst (8 of 40 a second) on a clock that does not move.
		for (int i = 0; i < 8; i++) {
			assertThat(lookUp(CALLER)).isInstanceOf(CrmLookup.NotFound.class);
		}

		CrmLookup lookup = lookUp(CALLER);

		assertThat(((CrmLookup.Failed) lookup).error()).contains("40 requests a second are in use");
		assertThat(this.crm.lookups()).hasSize(8);
		assertThat(this.clock.waits()).isEmpty();
	}

	@Test
	void aRefusedKeyFailsWithoutShowingIt() {
		CrmLookup lookup = this.connector.responsibleFor(connection(this.crm.baseUrl()), secrets("stale-key-123"),
				CALLER, BUDGET);

		assertThat(((CrmLookup.Failed) lookup).error()).contains("Wrong \"apiKey\" value.")
			.doesNotContain("stale-key-123");
	}

	@Test
	void nothingIsAskedWithoutANumberOrTime() {
		assertThat(lookUp("anonymous")).isInstanceOf(CrmLookup.Failed.class);
		assertThat(this.connector.responsibleFor(connection(this.crm.baseUrl()), secrets(), CALLER, Duration.ZERO))
			.isInstanceOf(CrmLookup.Failed.class);
		assertThat(this.crm.lookups()).isEmpty();
	}

	private CrmLookup lookUp(String phone) {
		return this.connector.responsibleFor(connection(this.crm.baseUrl()), secrets(), phone, BUDGET);
	}

}
