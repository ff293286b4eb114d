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

import io.callbridge.support.IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request turns kept in the database: a scope is taken by one request at a time, held
 * until released (or until its hold runs out when the taker died), free again from the
 * time the release names, a stale release changes nothing, other scopes are not held up,
 * a freed turn goes to the request that waited longest (a waiter that left or whose node
 * died holds nobody up) — or to an urgent one, at most three times in a row while a
 * normal one waits — and of many nodes taking a free scope at once exactly one gets it.
 */
@IntegrationTest
class ProviderRequestSlotsTests {

	private static final Duration HOLD = Duration.ofSeconds(30);

	private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

	@Autowired
	ProviderRequestSlots slots;

	@Autowired
	JdbcClient jdbc;

	private final String scope = "test:" + UUID.randomUUID();

	@Test
	void aTakenScopeIsRefusedUntilReleasedThenFreeFromTheReleasedTime() {
		assertThat(take(NOW)).isEqualTo(new RequestSlots.Turn(NOW, true));
		RequestSlots.Waiter next = waiter(NOW.plusSeconds(1));
		assertThat(take(next, NOW.plusSeconds(1))).isEqualTo(new RequestSlots.Turn(NOW.plus(HOLD), false));

		this.slots.release(this.scope, NOW.plus(HOLD), NOW.plusSeconds(6));

		assertThat(take(next, NOW.plusSeconds(5))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(6), false));
		assertThat(take(next, NOW.plusSeconds(6))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(6), true));
	}

	@Test
	void aTurnNeverReleasedEndsWithItsHold() {
		take(NOW);
		RequestSlots.Waiter next = waiter(NOW.plusSeconds(1));
		assertThat(take(next, NOW.plus(HOLD).minusMillis(1)).granted()).isFalse();
		assertThat(take(next, NOW.plus(HOLD))).isEqualTo(new RequestSlots.Turn(NOW.plus(HOLD), true));
	}

	@Test
	void aLateReleaseOfAnExpiredHoldDoesNotFreeTheNextTakersTurn() {
		take(NOW);
		Instant later = NOW.plus(HOLD).plusSeconds(1);
		take(later);

		this.slots.release(this.scope, NOW.plus(HOLD), later.plusSeconds(2));

		assertThat(take(later.plusSeconds(3))).isEqualTo(new RequestSlots.Turn(later.plus(HOLD), false));
	}

	@Test
	void otherScopesAreNotHeldUp() {
		take(NOW);
		assertThat(this.slots.take(this.scope + "-other", waiter(NOW), NOW, HOLD))
			.isEqualTo(new RequestSlots.Turn(NOW, true));
	}

	@Test
	void aFreedTurnGoesToTheRequestThatWaitedLongestNotToTheFirstToAsk() {
		take(NOW);
		RequestSlots.Waiter backfill = waiter(NOW.plusSeconds(1));
		assertThat(take(backfill, NOW.plusSeconds(1)).granted()).isFalse();
		this.slots.release(this.scope, NOW.plus(HOLD), NOW.plusSeconds(6));

		RequestSlots.Waiter poll = waiter(NOW.plusSeconds(6));
		assertThat(take(poll, NOW.plusSeconds(6))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(6), false));
		assertThat(take(backfill, NOW.plusSeconds(6))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(6), true));
		this.slots.release(this.scope, NOW.plusSeconds(6).plus(HOLD), NOW.plusSeconds(11));

		assertThat(take(poll, NOW.plusSeconds(11))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(11), true));
	}

	@Test
	void anUrgentWaiterGoesBeforeOlderNormalOnesButAtMostThreeTimesInARow() {
		take(NOW);
		RequestSlots.Waiter backfill = waiter(NOW.plusSeconds(1));
		assertThat(take(backfill, NOW.plusSeconds(1)).granted()).isFalse();
		this.slots.release(this.scope, NOW.plus(HOLD), NOW.plusSeconds(5));

		Instant at = NOW.plusSeconds(5);
		for (int poll = 0; poll < RequestSlots.URGENT_RUN; poll++) {
			RequestSlots.Waiter live = urgent(at.minusSeconds(1));
			assertThat(take(live, at.minusSeconds(1)).granted()).isFalse();
			assertThat(take(backfill, at).granted()).as("backfill before poll %s", poll).isFalse();
			assertThat(take(live, at)).as("poll %s", poll).isEqualTo(new RequestSlots.Turn(at, true));
			this.slots.release(this.scope, at.plus(HOLD), at.plusSeconds(5));
			at = at.plusSeconds(5);
		}
		RequestSlots.Waiter fourth = urgent(at.minusSeconds(1));
		assertThat(take(fourth, at.minusSeconds(1)).granted()).isFalse();

		assertThat(take(fourth, at).granted()).as("a fourth urgent turn in a row").isFalse();
		assertThat(take(backfill, at)).isEqualTo(new RequestSlots.Turn(at, true));
		this.slots.release(this.scope, at.plus(HOLD), at.plusSeconds(5));
		assertThat(take(fourth, at.plusSeconds(5))).isEqualTo(new RequestSlots.Turn(at.plusSeconds(5), true));
	}

	@Test
	void urgentWaitersAmongThemselvesGoInTheOrderTheyWaited() {
		take(NOW);
		RequestSlots.Waiter first = urgent(NOW.plusSeconds(1));
		RequestSlots.Waiter second = urgent(NOW.plusSeconds(2));
		take(first, NOW.plusSeconds(1));
		take(second, NOW.plusSeconds(2));
		this.slots.release(this.scope, NOW.plus(HOLD), NOW.plusSeconds(5));

		assertThat(take(second, NOW.plusSeconds(5)).granted()).isFalse();
		assertThat(take(first, NOW.plusSeconds(5)).granted()).isTrue();
	}

	@Test
	void aWaiterThatLeftOrExpiredHoldsNobodyUp() {
		take(NOW);
		RequestSlots.Waiter gaveUp = waiter(NOW.plusSeconds(1));
		RequestSlots.Waiter died = new RequestSlots.Waiter("died", NOW.plusSeconds(2), NOW.plusSeconds(5));
		take(gaveUp, NOW.plusSeconds(1));
		take(died, NOW.plusSeconds(2));
		this.slots.leave(this.scope, gaveUp.id());
		this.slots.release(this.scope, NOW.plus(HOLD), NOW.plusSeconds(6));

		assertThat(take(NOW.plusSeconds(6))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(6), true));
		assertThat(this.jdbc.sql("SELECT COUNT(*) FROM provider_request_waiters WHERE scope = ?")
			.param(this.scope)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void ofManyNodesTakingAFreeScopeAtOnceExactlyOneGetsIt() throws Exception {
		for (Instant at : List.of(NOW, NOW.plus(HOLD))) {
			List<Callable<RequestSlots.Turn>> attempts = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				ProviderRequestSlots node = new ProviderRequestSlots(this.jdbc);
				RequestSlots.Waiter waiter = new RequestSlots.Waiter("node-" + i, at, at.plus(HOLD));
				attempts.add(() -> node.take(this.scope, waiter, at, HOLD));
			}
			int granted = 0;
			try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
				for (Future<RequestSlots.Turn> turn : pool.invokeAll(attempts)) {
					granted += turn.get().granted() ? 1 : 0;
				}
			}
			// once when the scope has no row yet, once when its row is free again
			assertThat(granted).as("turns granted at %s", at).isEqualTo(1);
		}
	}

	/** A new request's first attempt. */
	private RequestSlots.Turn take(Instant now) {
		return take(waiter(now), now);
	}

	private RequestSlots.Turn take(RequestSlots.Waiter waiter, Instant now) {
		return this.slots.take(this.scope, waiter, now, HOLD);
	}

	private static RequestSlots.Waiter waiter(Instant since) {
		return new RequestSlots.Waiter(UUID.randomUUID().toString(), since, since.plus(Duration.ofMinutes(1)));
	}

	private static RequestSlots.Waiter urgent(Instant since) {
		return new RequestSlots.Waiter(UUID.randomUUID().toString(), since, since.plus(Duration.ofMinutes(1)), true);
	}

}
