package io.callbridge.coordination;

import java.time.Duration;
import java.util.List;

/**
 * Request rates shared by every node: per scope (e.g. one API key) a token bucket counted
 * on one clock for all nodes, and hold-backs a provider imposed (its 429) that every node
 * honours.
 */
public interface RateLimits {

	/**
	 * Takes one request from every limit's bucket if all of them hold one now, or from
	 * none.
	 * @return granted, or how long until the limit that is furthest from having room has
	 * room (as far as known now)
	 */
	Decision take(List<Limit> limits);

	/**
	 * No request of {@code scope} is granted for {@code duration} from now (or until a
	 * later hold-back already set ends).
	 */
	void holdBack(String scope, Duration duration);

	/**
	 * One limit: a bucket of {@code capacity} requests (the burst allowed at once),
	 * refilled continuously with {@code refill} requests per {@code period}; so any
	 * window of one period holds at most {@code capacity + refill - 1} requests.
	 *
	 * @param scope what is limited, e.g. {@code zadarma:<key>:statistics}
	 * @param capacity the most requests the bucket holds
	 * @param refill how many requests it regains per period
	 * @param period the refill period
	 */
	record Limit(String scope, int capacity, int refill, Duration period) {

		/** The bucket's content {@code elapsed} after it held {@code tokens}. */
		public double refilled(double tokens, Duration elapsed) {
			double regained = (double) elapsed.toNanos() * this.refill / this.period.toNanos();
			return Math.min(this.capacity, tokens + Math.max(0, regained));
		}

		/** How long a bucket holding {@code tokens} takes to hold one request. */
		public Duration untilOne(double tokens) {
			double missing = 1 - tokens;
			return (missing <= 0) ? Duration.ZERO
					: Duration.ofNanos((long) Math.ceil(missing * this.period.toNanos() / this.refill));
		}

	}

	/** The answer to a request for room: granted or refused. */
	sealed interface Decision {

		/** The request was counted: it may leave. */
		record Granted() implements Decision {
		}

		/**
		 * No room now.
		 *
		 * @param retryIn how long until there may be room
		 * @param scope the limit that needs the longest wait
		 * @param heldBack whether that limit is held back by the provider rather than
		 * full
		 */
		record Refused(Duration retryIn, String scope, boolean heldBack) implements Decision {
		}

	}

}
