package io.callbridge.calls.application;

import java.time.Instant;
import java.util.List;

import io.callbridge.calls.application.InboxRows.Claimed;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a lane's claimed events are split into calls, without Spring.
 */
class InboxApplierTests {

	@Test
	void eachCallKeepsItsArrivalOrderAndCallsComeInTheOrderOfTheirKeySoThatTwoNodesLockThemAlike() {
		List<Claimed> claimed = List.of(claimed(1, 7, "b"), claimed(2, 7, "a"), claimed(3, 3, "z"), claimed(4, 7, "b"),
				claimed(5, 7, "a"));

		List<List<Claimed>> calls = InboxApplier.byCall(claimed);

		assertThat(calls).extracting((call) -> call.stream().map(Claimed::id).toList())
			.containsExactly(List.of(3L), List.of(2L, 5L), List.of(1L, 4L));
	}

	@Test
	void theSameCallsClaimedInAnotherArrivalOrderComeInTheSameOrder() {
		List<Claimed> first = List.of(claimed(1, 7, "x"), claimed(2, 7, "y"));
		List<Claimed> later = List.of(claimed(3, 7, "y"), claimed(4, 7, "x"));

		assertThat(InboxApplier.byCall(first)).extracting((call) -> call.get(0).providerCallId())
			.containsExactly("x", "y");
		assertThat(InboxApplier.byCall(later)).extracting((call) -> call.get(0).providerCallId())
			.containsExactly("x", "y");
	}

	private static Claimed claimed(long id, long accountId, String call) {
		return new Claimed(id, accountId, call, "{}", Instant.EPOCH, 0, 0);
	}

}
