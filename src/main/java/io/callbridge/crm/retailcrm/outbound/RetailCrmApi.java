package io.callbridge.crm.retailcrm.outbound;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.callbridge.crm.retailcrm.RetailCrm;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Failure;
import io.callbridge.crm.retailcrm.outbound.RetailCrmReply.Kind;
import io.callbridge.shared.Text;
import io.callbridge.telephony.ProviderHttp;
import io.callbridge.telephony.ProviderHttpClients;
import io.callbridge.telephony.ProviderHttpException;
import io.callbridge.telephony.ProviderTimeouts;

/**
 * Sends retailCRM requests through the shared {@link ProviderHttp} (timeouts,
 * observations tagged with retailCRM's method name, the API key and client id scrubbed
 * from every text) within the key's request limits, and reads each answer with
 * {@link RetailCrmEnvelope}. A 503 or 429 without {@code Retry-After} is tried again at
 * once a few times with a short backoff, as retailCRM's own Go client does (from 25 ms on
 * telephony methods, 100 ms on the others: three tries within half a second); with
 * {@code Retry-After} every node holds the key back that long and the request is given up
 * for now. Never throws for what retailCRM or the network does.
 */
final class RetailCrmApi {

	/**
	 * Tries of one request retailCRM refuses for its limit without saying how long to
	 * wait.
	 */
	static final int TRIES = 3;

	private static final Duration TELEPHONY_BACKOFF = Duration.ofMillis(25);

	private static final Duration GENERAL_BACKOFF = Duration.ofMillis(100);

	// Look-ups use the routing budget as their timeout: one client per budget, and the
	// budget is a setting, so there are very few.
	private static final int LOOKUP_CLIENTS = 8;

	private final RetailCrmProperties properties;

	private final RetailCrmRateLimits limits;

	private final ProviderHttpClients clients;

	private final ProviderHttp http;

	private final Clock clock;

	private final Map<Duration, ProviderHttp> lookupClients = new ConcurrentHashMap<>();

	RetailCrmApi(RetailCrmProperties properties, RetailCrmRateLimits limits, ProviderHttpClients clients) {
		this(properties, limits, clients, Clock.systemUTC());
	}

	/**
	 * @param clock reads {@code Retry-After} dates
	 */
	RetailCrmApi(RetailCrmProperties properties, RetailCrmRateLimits limits, ProviderHttpClients clients, Clock clock) {
		this.properties = properties;
		this.limits = limits;
		this.clients = clients;
		this.clock = clock;
		this.http = client(properties.timeouts());
	}

	/**
	 * Sends a request, waiting for room under the key's limit at most
	 * {@code max-wait-for-slot}, with quick retries when retailCRM answers 503 or 429.
	 */
	RetailCrmReply send(RetailCrmAccess access, RetailCrmRequest request) {
		boolean telephony = request.telephony();
		for (int attempt = 1;; attempt++) {
			Optional<Failure> noRoom = this.limits.acquire(access.keyHash(), telephony,
					this.properties.maxWaitForSlot());
			if (noRoom.isPresent()) {
				return noRoom.get();
			}
			RetailCrmReply answer = exchange(this.http, access, request);
			if (!(answer instanceof Failure failure) || failure.kind() != Kind.RATE_LIMITED) {
				return answer;
			}
			if (heldBack(access, telephony, failure) || attempt >= TRIES
					|| !this.limits.pause(backoff(telephony, attempt))) {
				return failure;
			}
		}
	}

	/**
	 * Sends a request for a ringing call: no waiting for room and no retries, and the
	 * whole request bounded by {@code budget}.
	 */
	RetailCrmReply lookup(RetailCrmAccess access, RetailCrmRequest request, Duration budget) {
		Optional<Failure> noRoom = this.limits.acquire(access.keyHash(), request.telephony(), Duration.ZERO);
		if (noRoom.isPresent()) {
			return noRoom.get();
		}
		RetailCrmReply answer = exchange(lookupClient(budget), access, request);
		if (answer instanceof Failure failure && failure.kind() == Kind.RATE_LIMITED) {
			heldBack(access, request.telephony(), failure);
		}
		return answer;
	}

	private boolean heldBack(RetailCrmAccess access, boolean telephony, Failure failure) {
		if (failure.retryAfter() == null || !failure.retryAfter().isPositive()) {
			return false;
		}
		this.limits.holdBack(access.keyHash(), telephony, failure.retryAfter());
		return true;
	}

	private RetailCrmReply exchange(ProviderHttp client, RetailCrmAccess access, RetailCrmRequest request) {
		try {
			return client.send(request.toHttp(access), (response) -> {
				RetailCrmReply answer = RetailCrmEnvelope.read(request, response, access.secrets(), this.clock);
				if (answer instanceof Failure failure) {
					// Thrown to tag the request's observation with the kind of failure.
					throw new Refusal(failure);
				}
				return answer;
			});
		}
		catch (Refusal refusal) {
			return refusal.failure;
		}
		catch (ProviderHttpException ex) {
			return failure(request.operation(), ex, client.timeouts());
		}
	}

	private static Failure failure(String operation, ProviderHttpException ex, ProviderTimeouts timeouts) {
		return switch (ex.kind()) {
			case TIMEOUT -> new Failure(Kind.UNAVAILABLE, null,
					Text.of("retailcrm.timeout", operation, ex.detail(), timeouts.read().toString()), null, null, null);
			case UNREACHABLE -> new Failure(Kind.UNAVAILABLE, null,
					Text.of("retailcrm.unreachable", operation, ex.detail()), RetailCrmAccess.BASE_URL, null, null);
			case INTERRUPTED ->
				new Failure(Kind.UNAVAILABLE, null, Text.of("retailcrm.interrupted", operation), null, null, null);
		};
	}

	private ProviderHttp lookupClient(Duration budget) {
		if (budget.compareTo(this.properties.readTimeout()) >= 0) {
			return this.http;
		}
		Duration connect = (budget.compareTo(this.properties.connectTimeout()) < 0) ? budget
				: this.properties.connectTimeout();
		ProviderTimeouts timeouts = new ProviderTimeouts(connect, budget);
		if (this.lookupClients.size() >= LOOKUP_CLIENTS && !this.lookupClients.containsKey(budget)) {
			// More budgets than any configuration has: served, not kept.
			return client(timeouts);
		}
		return this.lookupClients.computeIfAbsent(budget, (read) -> client(timeouts));
	}

	private ProviderHttp client(ProviderTimeouts timeouts) {
		return this.clients.client(RetailCrm.KEY, timeouts,
				(ex) -> (ex instanceof Refusal refusal) ? refusal.failure.kind().name() : null);
	}

	private static Duration backoff(boolean telephony, int attempt) {
		return (telephony ? TELEPHONY_BACKOFF : GENERAL_BACKOFF).multipliedBy(1L << (attempt - 1));
	}

	/** A read answer that is a failure, carried out of the observed request. */
	private static final class Refusal extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient Failure failure;

		Refusal(Failure failure) {
			super(failure.text().english(), null, false, false);
			this.failure = failure;
		}

	}

}
