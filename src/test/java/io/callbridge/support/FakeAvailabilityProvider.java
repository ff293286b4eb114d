package io.callbridge.support;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.callbridge.shared.AgentStatus;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.telephony.AgentAvailability;
import io.callbridge.telephony.Credentials;
import io.callbridge.telephony.OriginateRequest;
import io.callbridge.telephony.OriginateResult;
import io.callbridge.telephony.ProviderEndpoint;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyProvider;

/**
 * A provider (key {@code fake-availability}) that keeps an availability per employee, as
 * UIS does: tests read the statuses pushed to each account, make it refuse pushes, or
 * hold a push under way. What it records is kept per account webhook token (unique in
 * every database) in static maps, so a push made by another cached test context's worker
 * sharing the PostgreSQL database is seen too.
 */
public class FakeAvailabilityProvider implements TelephonyProvider, AgentAvailability {

	/** The provider key accounts of this fake use. */
	public static final String KEY = "fake-availability";

	private static final Map<String, List<Push>> PUSHES = new ConcurrentHashMap<>();

	private static final Map<String, Boolean> DOWN = new ConcurrentHashMap<>();

	private static final Map<String, Hold> HOLDS = new ConcurrentHashMap<>();

	/**
	 * One status pushed.
	 *
	 * @param extension the employee's extension
	 * @param status the status
	 */
	public record Push(String extension, AgentStatus status) {
	}

	/**
	 * Holds the account's next push until released.
	 *
	 * @param entered counted down once the held push has started
	 * @param release counted down by the test to let it finish
	 */
	public record Hold(CountDownLatch entered, CountDownLatch release) {
	}

	@Override
	public String key() {
		return KEY;
	}

	@Override
	public Text label() {
		return Text.literal("Fake availability provider");
	}

	@Override
	public Text credentialLabel(String field) {
		return Text.literal(field);
	}

	@Override
	public List<String> credentialFields() {
		return List.of("secret");
	}

	@Override
	public OriginateResult originate(TelephonyAccount account, Credentials credentials, OriginateRequest request) {
		return new OriginateResult.Accepted(null);
	}

	@Override
	public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
		return List.of(new ProviderEndpoint("7001", "Employee 7001"), new ProviderEndpoint("7002", "Employee 7002"));
	}

	@Override
	public void setAvailability(TelephonyAccount account, Credentials credentials, String extension,
			AgentStatus status) {
		Hold hold = HOLDS.remove(account.webhookToken());
		if (hold != null) {
			hold.entered().countDown();
			await(hold.release());
		}
		if (Boolean.TRUE.equals(DOWN.get(account.webhookToken()))) {
			throw new Problems.ProviderFailure(Text.literal("Fake availability: connection refused"));
		}
		PUSHES.computeIfAbsent(account.webhookToken(), (k) -> new CopyOnWriteArrayList<>())
			.add(new Push(extension, status));
	}

	/** The statuses pushed to the account, in order. */
	public static List<Push> pushes(TelephonyAccount account) {
		return List.copyOf(PUSHES.getOrDefault(account.webhookToken(), List.of()));
	}

	/** Makes the account refuse (or accept again) every push. */
	public static void down(TelephonyAccount account, boolean down) {
		DOWN.put(account.webhookToken(), down);
	}

	/** Holds the account's next push until the test releases it. */
	public static Hold holdNext(TelephonyAccount account) {
		Hold hold = new Hold(new CountDownLatch(1), new CountDownLatch(1));
		HOLDS.put(account.webhookToken(), hold);
		return hold;
	}

	private static void await(CountDownLatch latch) {
		try {
			// Bounded, so a test that forgets to release never hangs a worker.
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
