package io.callbridge.telephony.callmyway.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.telephony.callmyway.CallMyWayApiException;
import io.callbridge.telephony.zadarma.SimulatedClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The per-username gate: requests of one username leave at least the spacing apart, other
 * usernames are not held up, and a turn too far away fails at once as busy.
 */
class CallMyWayRequestGateTest {

	private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-03-02T10:00:00Z"));

	private final List<Duration> waits = new ArrayList<>();

	@Test
	void spacesRequestsOfOneUsername() {
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(30), true);
		gate.acquire("a");
		gate.acquire("a");
		this.clock.advance(Duration.ofSeconds(10));
		gate.acquire("a");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(4));
	}

	@Test
	void doesNotHoldUpOtherUsernames() {
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(30), true);
		gate.acquire("a");
		gate.acquire("b");
		assertThat(this.waits).isEmpty();
	}

	@Test
	void failsAsBusyWhenTheTurnIsTooFarAway() {
		// the clock does not move: each request queues 4 s behind the last
		CallMyWayRequestGate gate = gate(Duration.ofSeconds(10), false);
		gate.acquire("a");
		gate.acquire("a");
		gate.acquire("a");
		CallMyWayApiException busy = catchThrowableOfType(CallMyWayApiException.class, () -> gate.acquire("a"));
		assertThat(busy.kind()).isEqualTo(CallMyWayApiException.Kind.UNREACHABLE);
		assertThat(busy.getMessage()).contains("busy").contains("12 s");
		assertThat(this.waits).containsExactly(Duration.ofSeconds(4), Duration.ofSeconds(8));
	}

	private CallMyWayRequestGate gate(Duration maxWait, boolean advance) {
		return new CallMyWayRequestGate(Duration.ofSeconds(4), maxWait, this.clock, (duration) -> {
			this.waits.add(duration);
			if (advance) {
				this.clock.advance(duration);
			}
		}, new InMemoryRequestSlots());
	}

}
