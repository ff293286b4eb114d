package io.callbridge.telephony;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
 * Request slots booked in the database: one scope's slots queue a spacing apart, a slot
 * too far away is refused without being booked, other scopes are not held up, and two
 * nodes booking at once never get slots closer than the spacing.
 */
@IntegrationTest
class ProviderRequestSlotsTests {

	private static final Duration SPACING = Duration.ofSeconds(4);

	private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

	@Autowired
	ProviderRequestSlots slots;

	@Autowired
	JdbcClient jdbc;

	private final String scope = "test:" + UUID.randomUUID();

	@Test
	void slotsOfOneScopeQueueASpacingApart() {
		assertThat(reserve(NOW)).isEqualTo(new RequestSlots.Turn(NOW, true));
		assertThat(reserve(NOW)).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(4), true));
		assertThat(reserve(NOW.plusSeconds(1))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(8), true));
		assertThat(reserve(NOW.plusSeconds(60))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(60), true));
	}

	@Test
	void aSlotTooFarAwayIsRefusedAndNotBooked() {
		for (int i = 0; i < 4; i++) {
			reserve(NOW);
		}
		RequestSlots.Turn refused = this.slots.reserve(this.scope, NOW, SPACING, Duration.ofSeconds(10));
		assertThat(refused).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(16), false));
		assertThat(reserve(NOW.plusSeconds(20))).isEqualTo(new RequestSlots.Turn(NOW.plusSeconds(20), true));
	}

	@Test
	void otherScopesAreNotHeldUp() {
		reserve(NOW);
		assertThat(this.slots.reserve(this.scope + "-other", NOW, SPACING, Duration.ZERO))
			.isEqualTo(new RequestSlots.Turn(NOW, true));
	}

	@Test
	void twoNodesBookingAtOnceNeverShareOrCrowdASlot() throws Exception {
		List<ProviderRequestSlots> nodes = List.of(new ProviderRequestSlots(this.jdbc),
				new ProviderRequestSlots(this.jdbc));
		List<Callable<RequestSlots.Turn>> bookings = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			ProviderRequestSlots node = nodes.get(i % 2);
			bookings.add(() -> node.reserve(this.scope, NOW, SPACING, Duration.ofHours(1)));
		}
		List<Instant> granted = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (Future<RequestSlots.Turn> turn : pool.invokeAll(bookings)) {
				assertThat(turn.get().granted()).isTrue();
				granted.add(turn.get().at());
			}
		}
		Collections.sort(granted);
		assertThat(granted).first().isEqualTo(NOW);
		for (int i = 1; i < granted.size(); i++) {
			assertThat(Duration.between(granted.get(i - 1), granted.get(i))).isEqualTo(SPACING);
		}
	}

	private RequestSlots.Turn reserve(Instant now) {
		return this.slots.reserve(this.scope, now, SPACING, Duration.ofSeconds(30));
	}

}
