package io.callbridge.calls.application;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How provider events delivered by webhooks are stored and applied
 * ({@code callbridge.ingestion.*}).
 *
 * @param lanes how many appliers (lanes) the cluster runs, each node all of them; a
 * call's events always go to the same lane, so they are applied one after another in the
 * order received. The count of the node started last holds for every node
 * ({@link InboxLayout})
 * @param batchSize how many events one write of the inbox or one apply transaction takes
 * at most
 * @param applyWait how long a webhook's answer waits, once its event is stored, for the
 * event to be applied ({@code 0}, the default: answer as soon as stored). The event is
 * safe either way, and reads wait for it instead ({@code readWait}); a node under load
 * takes about a quarter more events per second with less CPU each when its answers do not
 * wait, because its lanes then apply more events per transaction
 * @param readWait how long a request of a tenant's user (API or UI) waits, before it is
 * handled, until the tenant's events stored before it are applied ({@code 0}: not at
 * all), so that a read right after a webhook's answer shows the event. It is handled
 * anyway when the time is up (the appliers are behind)
 * @param lagLimit how long one apply transaction of a lane may take for the lane to count
 * as keeping up ({@code 0}: always). A lane whose transaction takes longer, or that
 * claims a full batch, is behind: the webhooks it owes an apply are answered at once, and
 * new ones as soon as their event is stored, until it keeps up again. Under a backlog
 * waiting would only make every answer as late as the backlog
 * @param storeTimeout how long a webhook waits for its event to be stored before it is
 * answered 503
 * @param pollInterval how often an idle lane looks for events written by other nodes or
 * left by a stopped node
 * @param retryDelay how long an event whose application failed waits before it is tried
 * again (doubled on each failure, at most ten times)
 * @param maxAttempts after how many failed attempts an event is no longer tried (it stays
 * in the inbox, logged and counted, for an operator)
 * @param concurrency how many lane transactions one node runs at once at most ({@code 0},
 * the default: as many as it has processors; never more than half its connection pool).
 * The other lanes wait for a turn, and their events for a larger batch, which costs less
 * per event than several small ones side by side
 */
@Validated
@ConfigurationProperties("callbridge.ingestion")
public record IngestionProperties(@DefaultValue("4") int lanes, @DefaultValue("200") int batchSize,
		@NotNull @DefaultValue("0s") Duration applyWait, @NotNull @DefaultValue("1s") Duration readWait,
		@NotNull @DefaultValue("50ms") Duration lagLimit, @NotNull @DefaultValue("10s") Duration storeTimeout,
		@NotNull @DefaultValue("1s") Duration pollInterval, @NotNull @DefaultValue("5s") Duration retryDelay,
		@DefaultValue("8") int maxAttempts, @DefaultValue("0") int concurrency) {

	/** The most lanes a cluster may run. */
	static final int MAX_LANES = 64;

	public IngestionProperties {
		if (lanes < 1 || lanes > MAX_LANES || batchSize < 1 || maxAttempts < 1 || concurrency < 0) {
			throw new IllegalArgumentException("callbridge.ingestion.lanes must be 1–64, batch-size and max-attempts "
					+ "positive, concurrency 0 (the node's processors) or more");
		}
		if (applyWait.isNegative() || readWait.isNegative() || lagLimit.isNegative() || !storeTimeout.isPositive()
				|| !pollInterval.isPositive() || !retryDelay.isPositive()) {
			throw new IllegalArgumentException(
					"callbridge.ingestion.apply-wait, read-wait and lag-limit must not be negative; "
							+ "store-timeout, poll-interval and retry-delay must be positive");
		}
	}

	/**
	 * How many lane transactions a node runs at once at most, before the cap of half its
	 * connection pool.
	 * @param processors the node's processors
	 */
	int concurrency(int processors) {
		return (this.concurrency == 0) ? processors : this.concurrency;
	}

	/**
	 * Whether a lane's transaction took longer than the lag limit (never when it is 0).
	 */
	boolean lagExceeded(long nanos) {
		return !this.lagLimit.isZero() && nanos > this.lagLimit.toNanos();
	}

	/**
	 * Whether a lane's transaction took a full batch (never counts when lag-limit is 0).
	 */
	boolean fullBatch(int claimed) {
		return !this.lagLimit.isZero() && claimed >= this.batchSize;
	}

}
