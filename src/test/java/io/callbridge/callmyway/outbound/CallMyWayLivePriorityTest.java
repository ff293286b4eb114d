package io.callbridge.callmyway.outbound;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.callbridge.telephony.HistoricCall;
import io.callbridge.telephony.InMemoryExtensionDirectory;
import io.callbridge.telephony.InMemoryRequestSlots;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.VirtualTime;
import io.callbridge.callmyway.CallMyWayAccess;
import io.callbridge.callmyway.CallMyWaySimulator;
import org.junit.jupiter.api.Test;

import static io.callbridge.callmyway.outbound.CallMyWayFixture.COSTA_RICA;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.PASSWORD;
import static io.callbridge.callmyway.outbound.CallMyWayFixture.USERNAME;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, against the CallMyWay simulator on shared simulated time, how often the live
 * calls are polled while a backfill pages CDRs (pages capped at 100) and look-ups read
 * the endpoints and recent CDRs of the same username. Live polls are urgent: they come
 * every 4.2 s (one turn) with one 8.4 s gap in four turns, the others take the turns
 * polling leaves and all finish, and CallMyWay never sees two requests closer than 4 s.
 * Without the urgency (every request in the order it waited) a live poll waits behind
 * each other request: polls every 8.4 s.
 */
class CallMyWayLivePriorityTest {

	private static final LocalDateTime DAY = LocalDateTime.of(2026, 3, 1, 0, 0);

	private static final Duration POLL_INTERVAL = Duration.ofSeconds(4);

	@Test
	void liveCallsArePolledEveryTurnButOneInFourWhileABackfillAndLookUpsRun() throws Exception {
		Measured measured = run(true);

		assertThat(measured.backfilled()).hasSize(350);
		assertThat(measured.penalty()).isZero();
		// one endpoint list (kept for the later look-ups), five CDR pages, two recent
		// reads
		assertThat(measured.others()).as("CDR pages, endpoint list and recent CDRs").hasSize(8);
		List<Duration> gaps = measured.liveGaps();
		assertThat(gaps).as("live-poll gaps while other requests ran").hasSizeGreaterThan(10);
		assertThat(median(gaps)).isLessThanOrEqualTo(Duration.ofSeconds(5));
		assertThat(share(gaps, Duration.ofSeconds(5))).as("share of gaps within one turn").isGreaterThanOrEqualTo(0.6);
		assertThat(gaps).allSatisfy((gap) -> assertThat(gap).isLessThanOrEqualTo(Duration.ofMillis(8400)));
	}

	@Test
	void withoutTheUrgencyALivePollWaitsBehindEachOtherRequest() throws Exception {
		Measured measured = run(false);

		assertThat(measured.backfilled()).hasSize(350);
		assertThat(median(measured.liveGaps())).isGreaterThanOrEqualTo(Duration.ofMillis(8400));
	}

	// A poller asking every 4 s from the start of its previous poll (as the live poller's
	// schedule does), a backfill of one day (350 calls: four pages of 100 and an empty
	// one), and look-ups (the Extensions page three times, two homologation CDR reads).
	private static Measured run(boolean urgentLive) throws Exception {
		VirtualTime time = new VirtualTime(Instant.parse("2026-03-02T18:00:00Z"));
		try (CallMyWaySimulator callMyWay = CallMyWaySimulator.start(USERNAME, PASSWORD, time, COSTA_RICA);
				ExecutorService threads = Executors.newFixedThreadPool(3)) {
			callMyWay.account().endpoint("104", "8330101");
			for (int i = 0; i < 350; i++) {
				callMyWay.account().recordCall("8330101", "5067" + i, DAY.plusMinutes(3L * i), true, 10);
			}
			// the defaults: 4.2 s between requests, a turn awaited up to 60 s
			CallMyWayProperties properties = new CallMyWayProperties(callMyWay.baseUrl(), Duration.ofSeconds(2),
					Duration.ofSeconds(5), Duration.ofMillis(4200), Duration.ofSeconds(60), Duration.ofMinutes(5),
					false, Duration.ofMinutes(5), Duration.ofSeconds(4));
			CallMyWayApiClient api = new CallMyWayApiClient(properties,
					new CallMyWayRequestGate(properties.requestSpacing(),
							properties.connectTimeout().plus(properties.readTimeout()), properties.maxWait(), time,
							time::sleep, new InMemoryRequestSlots(time)),
					(tenant) -> COSTA_RICA, CallMyWayFixture.HTTP);
			CallMyWayTelephonyClient client = new CallMyWayTelephonyClient(properties, api,
					new InMemoryExtensionDirectory());
			TelephonyAccount account = CallMyWayFixture.anyAccount(Map.of());
			CallMyWayAccess access = api.access(account, CallMyWayFixture.credentials(PASSWORD));
			AtomicBoolean othersDone = new AtomicBoolean();
			time.join();
			time.join();
			time.join();
			Future<?> poller = threads.submit(() -> participate(time, () -> {
				while (!othersDone.get()) {
					Instant start = time.instant();
					if (urgentLive) {
						api.pollLiveCalls(access);
					}
					else {
						api.liveCalls(access, true);
					}
					time.sleepUntil(start.plus(POLL_INTERVAL));
				}
			}));
			List<HistoricCall> backfilled = new ArrayList<>();
			Future<?> backfill = threads.submit(() -> participate(time, () -> {
				time.sleep(Duration.ofSeconds(1));
				backfilled.addAll(client.callsBetween(account, CallMyWayFixture.credentials(PASSWORD),
						DAY.atZone(COSTA_RICA).toInstant(), DAY.plusDays(1).atZone(COSTA_RICA).toInstant()));
			}));
			Future<?> lookUps = threads.submit(() -> participate(time, () -> {
				// after the backfill read the endpoints: two users needing them at the
				// same moment may each ask CallMyWay (the cache does not block them)
				time.sleep(Duration.ofSeconds(20));
				for (int i = 0; i < 3; i++) {
					time.sleep(Duration.ofSeconds(6));
					client.listEndpoints(account, CallMyWayFixture.credentials(PASSWORD));
					if (i < 2) {
						api.recentCdrs(access);
					}
				}
			}));
			try {
				backfill.get(60, TimeUnit.SECONDS);
				lookUps.get(60, TimeUnit.SECONDS);
			}
			finally {
				othersDone.set(true);
			}
			poller.get(60, TimeUnit.SECONDS);
			return new Measured(callMyWay.requests(), backfilled, callMyWay.penalty());
		}
	}

	private static Void participate(VirtualTime time, Step step) throws Exception {
		try {
			step.run();
			return null;
		}
		finally {
			time.leave();
		}
	}

	private static Duration median(List<Duration> gaps) {
		List<Duration> sorted = gaps.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static double share(List<Duration> gaps, Duration atMost) {
		return gaps.stream().filter((gap) -> gap.compareTo(atMost) <= 0).count() / (double) gaps.size();
	}

	/** A step of a participant. */
	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

	/**
	 * What the simulator saw.
	 *
	 * @param requests every request, in order
	 * @param backfilled the calls the backfill read
	 * @param penalty the delays CallMyWay would have added
	 */
	private record Measured(List<CallMyWaySimulator.Received> requests, List<HistoricCall> backfilled,
			Duration penalty) {

		private static boolean live(CallMyWaySimulator.Received request) {
			return "1".equals(request.params().get("live"));
		}

		List<CallMyWaySimulator.Received> others() {
			return this.requests.stream().filter((r) -> !live(r)).toList();
		}

		/** The gaps between live polls from the first other request to the last. */
		List<Duration> liveGaps() {
			Instant first = others().get(0).at();
			Instant last = others().get(others().size() - 1).at();
			List<Instant> polls = this.requests.stream().filter(Measured::live).map((r) -> r.at()).toList();
			List<Duration> gaps = new ArrayList<>();
			for (int i = 1; i < polls.size(); i++) {
				if (!polls.get(i).isBefore(first) && !polls.get(i - 1).isAfter(last)) {
					gaps.add(Duration.between(polls.get(i - 1), polls.get(i)));
				}
			}
			return gaps;
		}

	}

}
