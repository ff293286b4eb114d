package io.callbridge.telephony;

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

import io.callbridge.coordination.SimulatedDatabaseClock;
import io.callbridge.support.IntegrationTest;
import io.callbridge.telephony.RequestSlots.Turn;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request turns kept in the database, on the database's clock (simulated here, so the
 * test can move it): a scope is taken by one request at a time, held until released (or
 * until its hold runs out when the taker died), kept for the time the release names, a
 * stale release changes nothing, other scopes are not held up, a freed turn goes to the
 * request that waited longest (a waiter that left or whose node died holds nobody up) —
 * or to an urgent one, at most three times in a row while a normal one waits — and of
 * many nodes taking a free scope at once exactly one gets it.
 */
@IntegrationTest
class ProviderRequestSlotsTests {

	private static final Duration HOLD = Duration.ofSeconds(30);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	private final SimulatedClock time = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));

	private final String scope = "test:" + UUID.randomUUID();

	private ProviderRequestSlots slots;

	@BeforeEach
	void onSimulatedDatabaseTime() {
		this.slots = node();
	}

	@Test
	void aTakenScopeIsRefusedUntilReleasedThenKeptForTheReleasedTime() {
		Turn.Granted first = granted(take(waiter()));
		RequestSlots.Waiter next = waiter();
		advance(1);
		assertThat(take(next)).isEqualTo(new Turn.Refused(HOLD.minusSeconds(1)));

		this.slots.release(first, Duration.ofSeconds(5));

		advance(4);
		assertThat(take(next)).isEqualTo(new Turn.Refused(Duration.ofSeconds(1)));
		advance(1);
		assertThat(take(next)).isInstanceOf(Turn.Granted.class);
	}

	@Test
	void aTurnNeverReleasedEndsWithItsHold() {
		take(waiter());
		RequestSlots.Waiter next = waiter();
		this.time.advance(HOLD.minusMillis(1));
		assertThat(take(next)).isInstanceOf(Turn.Refused.class);
		this.time.advance(Duration.ofMillis(1));
		assertThat(take(next)).isInstanceOf(Turn.Granted.class);
	}

	@Test
	void aLateReleaseOfAnExpiredHoldDoesNotFreeTheNextTakersTurn() {
		Turn.Granted first = granted(take(waiter()));
		this.time.advance(HOLD.plusSeconds(1));
		granted(take(waiter()));

		this.slots.release(first, Duration.ofSeconds(2));

		advance(3);
		assertThat(take(waiter())).isEqualTo(new Turn.Refused(HOLD.minusSeconds(3)));
	}

	@Test
	void otherScopesAreNotHeldUp() {
		take(waiter());
		assertThat(this.slots.take(this.scope + "-other", waiter(), HOLD)).isInstanceOf(Turn.Granted.class);
	}

	@Test
	void aFreedTurnGoesToTheRequestThatWaitedLongestNotToTheFirstToAsk() {
		Turn.Granted first = granted(take(waiter()));
		advance(1);
		RequestSlots.Waiter backfill = waiter();
		assertThat(take(backfill)).isInstanceOf(Turn.Refused.class);
		this.slots.release(first, Duration.ofSeconds(5));
		advance(5);

		RequestSlots.Waiter poll = waiter();
		assertThat(take(poll)).isEqualTo(new Turn.Refused(Duration.ZERO));
		this.slots.release(granted(take(backfill)), Duration.ofSeconds(5));
		advance(5);

		assertThat(take(poll)).isInstanceOf(Turn.Granted.class);
	}

	@Test
	void anUrgentWaiterGoesBeforeOlderNormalOnesButAtMostThreeTimesInARow() {
		Turn.Granted turn = granted(take(waiter()));
		advance(1);
		RequestSlots.Waiter backfill = waiter();
		assertThat(take(backfill)).isInstanceOf(Turn.Refused.class);
		this.slots.release(turn, Duration.ofSeconds(4));
		advance(3);

		for (int poll = 0; poll < RequestSlots.URGENT_RUN; poll++) {
			RequestSlots.Waiter live = urgent();
			assertThat(take(live)).isInstanceOf(Turn.Refused.class);
			advance(1);
			assertThat(take(backfill)).as("backfill before poll %s", poll).isInstanceOf(Turn.Refused.class);
			turn = granted(take(live));
			this.slots.release(turn, Duration.ofSeconds(5));
			advance(4);
		}
		RequestSlots.Waiter fourth = urgent();
		assertThat(take(fourth)).isInstanceOf(Turn.Refused.class);
		advance(1);

		assertThat(take(fourth)).as("a fourth urgent turn in a row").isInstanceOf(Turn.Refused.class);
		this.slots.release(granted(take(backfill)), Duration.ofSeconds(5));
		advance(5);
		assertThat(take(fourth)).isInstanceOf(Turn.Granted.class);
	}

	@Test
	void urgentWaitersAmongThemselvesGoInTheOrderTheyWaited() {
		Turn.Granted turn = granted(take(waiter()));
		RequestSlots.Waiter first = urgent();
		RequestSlots.Waiter second = urgent();
		advance(1);
		take(first);
		advance(1);
		take(second);
		this.slots.release(turn, Duration.ofSeconds(3));
		advance(3);

		assertThat(take(second)).isInstanceOf(Turn.Refused.class);
		assertThat(take(first)).isInstanceOf(Turn.Granted.class);
	}

	@Test
	void aWaiterThatLeftOrExpiredHoldsNobodyUp() {
		Turn.Granted turn = granted(take(waiter()));
		RequestSlots.Waiter gaveUp = waiter();
		RequestSlots.Waiter died = new RequestSlots.Waiter("died-" + UUID.randomUUID(), Duration.ofSeconds(3));
		advance(1);
		take(gaveUp);
		advance(1);
		take(died);
		this.slots.leave(this.scope, gaveUp.id());
		this.slots.release(turn, Duration.ofSeconds(4));
		advance(4);

		assertThat(take(waiter())).isInstanceOf(Turn.Granted.class);
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provider_request_waiters WHERE scope = ?")
			.param(this.scope)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void ofManyNodesTakingAFreeScopeAtOnceExactlyOneGetsIt() throws Exception {
		for (int round = 0; round < 2; round++) {
			List<Callable<Turn>> attempts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				ProviderRequestSlots node = node();
				RequestSlots.Waiter waiter = new RequestSlots.Waiter("node-" + i, HOLD);
				attempts.add(() -> node.take(this.scope, waiter, HOLD));
			}
			int granted = 0;
			try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
				for (Future<Turn> turn : pool.invokeAll(attempts)) {
					granted += (turn.get() instanceof Turn.Granted) ? 1 : 0;
				}
			}
			// once when the scope was never taken, once when its hold has ended
			assertThat(granted).as("turns granted in round %s", round).isEqualTo(1);
			this.time.advance(HOLD);
		}
	}

	private ProviderRequestSlots node() {
		return RequestSlotsFixture.shared(this.jdbc, new SimulatedDatabaseClock(this.jdbc, this.dataSource, this.time));
	}

	private Turn take(RequestSlots.Waiter waiter) {
		return this.slots.take(this.scope, waiter, HOLD);
	}

	private void advance(long seconds) {
		this.time.advance(Duration.ofSeconds(seconds));
	}

	private static Turn.Granted granted(Turn turn) {
		assertThat(turn).isInstanceOf(Turn.Granted.class);
		return (Turn.Granted) turn;
	}

	private static RequestSlots.Waiter waiter() {
		return new RequestSlots.Waiter(UUID.randomUUID().toString(), Duration.ofMinutes(1));
	}

	private static RequestSlots.Waiter urgent() {
		return new RequestSlots.Waiter(UUID.randomUUID().toString(), true, Duration.ofMinutes(1));
	}

}
