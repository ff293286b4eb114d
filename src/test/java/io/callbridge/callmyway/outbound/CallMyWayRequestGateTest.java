package io.callbridge.callmyway.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.callmyway.CallMyWayApiException;
import io.callbridge.zadarma.SimulatedClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The per-username gate: a request leaves at least the spacing after the previous one of
 * its username was answered, however long that one took; other usernames are not held up;
 * a request still in flight holds the next one, which fails as busy when its turn does
 * not come within the longest wait; a turn never closed frees itself after the longest
 * request plus the spacing; a waiting request is served before a frequent requester can
 * ask again.
 */
class CallMyWayRequestGateTest {

	private static final Duration SPACING = Duration.ofSeconds(4);

	private static final Duration LONGEST_REQUEST = Duration.ofSeconds(20);

	private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));

	private final List<Duration> waits = new ArrayList<>();

	@Test
	void spacesARequestFromThePreviousAnswer() {
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(30));
		try (CallMyWayRequestGate.Turn first = gate.acquire("a")) {
			// CallMyWay takes 3 s to answer
			this.clock.advance(Duration.ofSeconds(3));
		}
		Instant answered = this.clock.instant();

		gate.acquire("a").close();

		assertThat(this.clock.instant()).isEqualTo(answered.plus(SPACING));
		this.clock.advance(Duration.ofSeconds(10));
		gate.acquire("a").close();
		assertThat(totalWait()).isEqualTo(SPACING);
	}

	@Test
	void doesNotHoldUpOtherUsernames() {
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(30));
		CallMyWayRequestGate.Turn a = gate.acquire("a");
		gate.acquire("b").close();
		a.close();
		assertThat(this.waits).isEmpty();
	}

	@Test
	void failsAsBusyWhileTheUsernamesRequestIsInFlightForLongerThanTheLongestWait() {
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(10));
		gate.acquire("a");

		CallMyWayApiException busy = catchThrowableOfType(CallMyWayApiException.class, () -> gate.acquire("a"));

		assertThat(busy.kind()).isEqualTo(CallMyWayApiException.Kind.UNREACHABLE);
		assertThat(busy.getMessage()).contains("busy for a").contains("next may leave in 14 s");
		assertThat(totalWait()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aTurnNeverClosedFreesItselfAfterTheLongestRequestPlusTheSpacing() {
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(60));
		Instant start = this.clock.instant();
		gate.acquire("a");

		gate.acquire("a").close();

		assertThat(this.clock.instant()).isEqualTo(start.plus(LONGEST_REQUEST).plus(SPACING));
	}

	@Test
	void aRequestThatWaitsIsServedBeforeAFrequentRequesterAsksAgain() throws Exception {
		// Real time, short spacing: a poller asks again as soon as it is answered.
		CallMyWayRequestGate gate = new CallMyWayRequestGate(Duration.ofMillis(50), Duration.ofSeconds(1),
				Duration.ofSeconds(5), Clock.systemUTC(), Thread::sleep, new InMemoryRequestSlots(Clock.systemUTC()));
		List<String> served = Collections.synchronizedList(new ArrayList<>());
		AtomicBoolean backfillDone = new AtomicBoolean();
		try (ExecutorService threads = Executors.newFixedThreadPool(2)) {
			Future<?> poller = threads.submit(() -> {
				while (!backfillDone.get()) {
					CallMyWayRequestGate.Turn turn = gate.acquire("a");
					served.add("poll");
					turn.close();
				}
			});
			Thread.sleep(200);
			Future<?> backfill = threads.submit(() -> {
				for (int page = 0; page < 5; page++) {
					CallMyWayRequestGate.Turn turn = gate.acquire("a");
					served.add("page");
					turn.close();
				}
				backfillDone.set(true);
			});
			backfill.get(10, TimeUnit.SECONDS);
			poller.get(10, TimeUnit.SECONDS);
		}
		List<String> fromFirstPage = served.subList(served.indexOf("page"), served.size());
		// each page waited behind at most the one poll already waiting
		assertThat(String.join(",", fromFirstPage)).startsWith("page,poll,page,poll,page,poll,page,poll,page");
	}

	private Duration totalWait() {
		return this.waits.stream().reduce(Duration.ZERO, Duration::plus);
	}

	private CallMyWayRequestGate gate(Duration maxWait) {
		return new CallMyWayRequestGate(SPACING, LONGEST_REQUEST, maxWait, this.clock, (duration) -> {
			this.waits.add(duration);
			this.clock.advance(duration);
		}, new InMemoryRequestSlots(this.clock));
	}

}
