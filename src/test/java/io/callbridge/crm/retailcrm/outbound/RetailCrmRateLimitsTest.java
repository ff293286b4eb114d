package io.callbridge.crm.retailcrm.outbound;

import java.time.Duration;

import io.callbridge.coordination.InMemoryRateLimits;
import io.callbridge.crm.CrmDeliveryResult;
import io.callbridge.crm.CrmManager;
import io.callbridge.crm.retailcrm.MovingClock;
import io.callbridge.crm.retailcrm.RetailCrmSimulator;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.API_KEY;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.connection;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.incoming;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.registration;
import static io.callbridge.crm.retailcrm.outbound.RetailCrmFixture.secrets;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connector keeps each key under retailCRM's limits before retailCRM refuses: the
 * simulator counting on the same simulated time never answers 503, a request waits for
 * room only as long as allowed and otherwise is left for later unsent, and each key and
 * each kind of method has its own limit under a scope that does not show the key.
 */
class RetailCrmRateLimitsTest {

	private static final CrmManager ANNA = new CrmManager(1, "27", "101");

	private final MovingClock clock = new MovingClock();

	private final InMemoryRateLimits limits = new InMemoryRateLimits(this.clock);

	private RetailCrmSimulator crm;

	@BeforeEach
	void start() {
		this.crm = RetailCrmSimulator.start(API_KEY, this.clock);
		connector(Duration.ofSeconds(2)).register(connection(this.crm.baseUrl()), secrets(), registration(ANNA));
	}

	@AfterEach
	void stop() {
		this.crm.close();
	}

	@Test
	void manyEventsInARowStayUnderRetailCrmsLimit() {
		RetailCrmConnector connector = connector(Duration.ofSeconds(2));

		for (int i = 0; i < 200; i++) {
			assertThat(connector.deliver(connection(this.crm.baseUrl()), secrets(), incoming(ANNA)))
				.isInstanceOf(CrmDeliveryResult.Delivered.class);
		}

		assertThat(this.crm.refused()).isZero();
		assertThat(this.crm.events()).hasSize(200);
		// 200 at 40 a second at most.
		assertThat(this.clock.waits().stream().reduce(Duration.ZERO, Duration::plus))
			.isGreaterThan(Duration.ofSeconds(4));
	}

	@Test
	void aRequestThatMayNotWaitIsLeftForLaterUnsent() {
		RetailCrmConnector connector = connector(Duration.ZERO);
		for (int i = 0; i < 8; i++) {
			connector.deliver(connection(this.crm.baseUrl()), secrets(), incoming(ANNA));
		}

		CrmDeliveryResult result = connector.deliver(connection(this.crm.baseUrl()), secrets(), incoming(ANNA));

		CrmDeliveryResult.Retry retry = (CrmDeliveryResult.Retry) result;
		assertThat(retry.status()).isNull();
		assertThat(retry.retryAfter()).isPositive().isLessThan(Duration.ofMillis(100));
		assertThat(retry.error()).contains("40 requests a second are in use").contains("try again in 1 s");
		assertThat(this.crm.events()).hasSize(8);
	}

	@Test
	void aRequestWaitsNoLongerThanAllowed() {
		RetailCrmRateLimits rateLimits = new RetailCrmRateLimits(
				RetailCrmFixture.properties(Duration.ofSeconds(5), Duration.ofSeconds(2)), this.limits, this.clock,
				this.clock::park);
		this.limits.holdBack(RetailCrmRateLimits.scope("abc", true), Duration.ofSeconds(5));

		Failure failure = rateLimits.acquire("abc", true, Duration.ofSeconds(2)).orElseThrow();

		assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(5));
		assertThat(failure.text().english()).contains("retailCRM asked to wait").contains("5 s");
		assertThat(this.clock.waits()).isEmpty();
		assertThat(rateLimits.acquire("abc", false, Duration.ZERO)).isEmpty();
		assertThat(rateLimits.acquire("other", true, Duration.ZERO)).isEmpty();
	}

	@Test
	void aKeysScopesNameItsHashNotTheKey() {
		String hash = RetailCrmAccess.hash(API_KEY);

		assertThat(hash).hasSize(16).matches("[0-9a-f]+");
		assertThat(RetailCrmRateLimits.scope(hash, true)).isEqualTo("retailcrm:" + hash + ":telephony");
		assertThat(RetailCrmRateLimits.scope(hash, false)).isEqualTo("retailcrm:" + hash + ":general")
			.doesNotContain(API_KEY);
		assertThat(RetailCrmAccess.hash("another key")).isNotEqualTo(hash);
	}

	private RetailCrmConnector connector(Duration maxWait) {
		return RetailCrmFixture.connector(RetailCrmFixture.properties(Duration.ofSeconds(5), maxWait), this.limits,
				this.clock, this.clock::park);
	}

}
