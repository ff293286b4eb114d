package io.callbridge.crm.retailcrm.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.callbridge.coordination.RateLimits;
import io.callbridge.coordination.RateLimits.Decision;
import io.callbridge.coordination.RateLimits.Limit;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Kind;
import io.callbridge.shared.Text;

/**
 * Keeps each API key under retailCRM's limits (10 requests a second, 40 for
 * {@code /telephony} methods, protocol notes A1) before retailCRM has to answer 503 —
 * counted for all nodes together on the database's clock ({@link RateLimits}), in the
 * scopes {@code retailcrm:<key hash>:general} and {@code retailcrm:<key hash>:telephony}.
 * <p>
 * Policy: a limit of N a second is a token bucket of {@code C = max(1, N/5)} requests
 * refilled continuously by {@code N - C + 1} per 1.1 seconds, which allows at most N
 * requests in any 1.1-second window (whatever window retailCRM counts in, with a tenth of
 * a second to spare for network jitter) and a small burst. A request waits for room at
 * most as long as it is allowed to, then gives up with "try again in N s" instead of
 * being sent. When retailCRM answers 503 or 429 with {@code Retry-After} anyway (another
 * application using the same key), every node holds that key's requests of the kind back
 * until then.
 */
final class RetailCrmRateLimits {

	static final Duration WINDOW = Duration.ofMillis(1100);

	private final RetailCrmProperties properties;

	private final RateLimits rates;

	private final Clock clock;

	private final Waiting waiting;

	RetailCrmRateLimits(RetailCrmProperties properties, RateLimits rates) {
		this(properties, rates, Clock.systemUTC(), (duration) -> Thread.sleep(duration));
	}

	/**
	 * @param rates where the requests of every node are counted
	 * @param clock measures how long a request has waited
	 * @param waiting how to wait (tests advance a simulated clock instead)
	 */
	RetailCrmRateLimits(RetailCrmProperties properties, RateLimits rates, Clock clock, Waiting waiting) {
		this.properties = properties;
		this.rates = rates;
		this.clock = clock;
		this.waiting = waiting;
	}

	/**
	 * Takes room for one request with this key, waiting up to {@code maxWait}.
	 * @return nothing when the request may leave, else the failure to answer with
	 */
	Optional<Failure> acquire(String keyHash, boolean telephony, Duration maxWait) {
		List<Limit> limits = List.of(limit(keyHash, telephony));
		Instant started = this.clock.instant();
		Decision decision = this.rates.take(limits);
		while (decision instanceof Decision.Refused refused) {
			Duration left = maxWait.minus(Duration.between(started, this.clock.instant()));
			if (refused.retryIn().compareTo(left) > 0 || !pause(refused.retryIn())) {
				return Optional.of(refusal(refused, telephony));
			}
			decision = this.rates.take(limits);
		}
		return Optional.empty();
	}

	/**
	 * retailCRM asked to wait: no node sends requests of this kind with the key until
	 * then.
	 */
	void holdBack(String keyHash, boolean telephony, Duration wait) {
		this.rates.holdBack(scope(keyHash, telephony), wait);
	}

	/**
	 * Waits a while before a quick retry.
	 * @return {@code false} when interrupted (the application is stopping)
	 */
	boolean pause(Duration duration) {
		try {
			this.waiting.park(duration);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** The scope of a key's limit, e.g. {@code retailcrm:1a2b…:telephony}. */
	static String scope(String keyHash, boolean telephony) {
		return "retailcrm:" + keyHash + (telephony ? ":telephony" : ":general");
	}

	private Limit limit(String keyHash, boolean telephony) {
		int perSecond = telephony ? this.properties.telephonyRps() : this.properties.rps();
		int burst = Math.max(1, perSecond / 5);
		return new Limit(scope(keyHash, telephony), burst, perSecond - burst + 1, WINDOW);
	}

	private Failure refusal(Decision.Refused refused, boolean telephony) {
		Duration wait = refused.retryIn();
		Text text = refused.heldBack() ? Text.of("retailcrm.heldBack", seconds(wait)) : Text.of("retailcrm.localLimit",
				telephony ? this.properties.telephonyRps() : this.properties.rps(), seconds(wait));
		return new Failure(Kind.RATE_LIMITED, null, text, null, null, wait);
	}

	static long seconds(Duration duration) {
		return Math.max(1, (duration.toMillis() + 999) / 1000);
	}

	/** Waits for a while; tests swap it for one that advances a simulated clock. */
	@FunctionalInterface
	interface Waiting {

		void park(Duration duration) throws InterruptedException;

	}

}
