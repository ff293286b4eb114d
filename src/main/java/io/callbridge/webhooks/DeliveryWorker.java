package io.callbridge.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.callbridge.audit.AuditCategory;
import io.callbridge.audit.AuditEntry;
import io.callbridge.audit.AuditOutcome;
import io.callbridge.audit.AuditTrail;
import io.callbridge.coordination.DatabaseClock;
import io.callbridge.webhooks.Deliveries.Attempt;
import io.callbridge.webhooks.Deliveries.Claimed;
import io.callbridge.webhooks.Deliveries.Outcome;
import io.callbridge.webhooks.WebhookSender.OutboundRequest;
import io.callbridge.webhooks.WebhookSender.SendResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers due webhooks, on every node: claims a batch on the database's clock (each
 * delivery is sent by the one node that claimed it; a claim that expires because its node
 * stopped is taken again, so every delivery is sent at least once), sends the batch
 * concurrently on virtual threads (at most {@code concurrency} at once), logs every
 * attempt, and settles each delivery: DELIVERED on a 2xx answer, otherwise the next
 * attempt by the schedule, FAILED when it is exhausted. An endpoint that has had no 2xx
 * answer for {@code disable-after} while its attempts fail is disabled, with an audit
 * entry; its deliveries stay PENDING and resume when it is enabled again. Each attempt is
 * timed as {@code callbridge.webhooks.deliveries{outcome}}. A CRM connection's endpoint
 * ({@link EndpointKind#CONNECTOR}) is sent to by the {@link ConnectorDeliveries} of the
 * {@code crm} module instead of an HTTP request here; its answer settles the delivery the
 * same way (a refusal for good fails it at once, still replayable).
 * <p>
 * The worker follows its application's lifecycle: once stopped (a node shutting down, or
 * a paused context) it starts no run and claims nothing, whether from its poll, a
 * commit's wake or a retry's timed wake; a run going on ends after its batch.
 */
@Component
class DeliveryWorker implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);

	/** At most this many batches one after another in one run, so a run ends. */
	private static final int MAX_ROUNDS = 50;

	// A timed wake comes this much after the retry is due, so the run finds it due on
	// the database's clock.
	private static final Duration WAKE_MARGIN = Duration.ofMillis(20);

	private final DeliveryClaims claims;

	private final Deliveries deliveries;

	private final WebhookSecrets secrets;

	private final WebhookSender sender;

	private final RetrySchedule schedule;

	private final DatabaseClock clock;

	private final AuditTrail audit;

	private final MeterRegistry meters;

	private final WebhookProperties properties;

	private final ExternalSiteRequests externalSites;

	private final ConnectorSender connectors;

	private final Semaphore slots;

	private final TransactionTemplate transaction;

	private final AtomicBoolean running = new AtomicBoolean();

	// Whether the application is started: nothing is claimed while it is not.
	private final AtomicBoolean active = new AtomicBoolean();

	private final AtomicBoolean requested = new AtomicBoolean();

	private final AtomicBoolean queued = new AtomicBoolean();

	private final ScheduledExecutorService wakeups = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("webhook-wakeups").factory());

	DeliveryWorker(DeliveryClaims claims, Deliveries deliveries, WebhookSecrets secrets, WebhookSender sender,
			RetrySchedule schedule, DatabaseClock clock, AuditTrail audit, MeterRegistry meters,
			WebhookProperties properties, PlatformTransactionManager transactions, ExternalSiteRequests externalSites,
			ConnectorSender connectors) {
		this.externalSites = externalSites;
		this.connectors = connectors;
		this.claims = claims;
		this.deliveries = deliveries;
		this.secrets = secrets;
		this.sender = sender;
		this.schedule = schedule;
		this.clock = clock;
		this.audit = audit;
		this.meters = meters;
		this.properties = properties;
		this.slots = new Semaphore(properties.concurrency());
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Delivers what is due, batch after batch: a record's next message becomes due as
	 * soon as its previous one is delivered, so it goes out in the next round, not the
	 * next run.
	 */
	@Scheduled(fixedDelayString = "${callbridge.webhooks.poll-interval:1s}")
	void run() {
		this.requested.set(true);
		if (!this.active.get() || !this.running.compareAndSet(false, true)) {
			return;
		}
		try {
			while (this.active.get() && this.requested.getAndSet(false)) {
				int round = 0;
				while (round < MAX_ROUNDS && this.active.get() && deliverBatch() > 0) {
					round++;
				}
				// Nothing more is due: a delivery written while the one before it was
				// being
				// settled (so not made due then) is made due now, and sent in another
				// pass.
				if (round < MAX_ROUNDS && this.deliveries.dueWaitingHeads(this.clock.now()) > 0) {
					this.requested.set(true);
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Webhook delivery run failed; the next run retries: {}", ex.toString());
		}
		finally {
			this.running.set(false);
		}
	}

	/**
	 * Runs now on a thread of its own (messages were just committed), or once more when a
	 * run is going on; never two runs at once on a node.
	 */
	void wake() {
		this.requested.set(true);
		if (this.active.get() && !this.running.get() && this.queued.compareAndSet(false, true)) {
			this.wakeups.execute(() -> {
				this.queued.set(false);
				run();
			});
		}
	}

	/** Claims again, and sends at once what became due while it was stopped. */
	@Override
	public void start() {
		if (this.active.compareAndSet(false, true)) {
			wake();
		}
	}

	/** Claims nothing more; a batch being sent is settled. */
	@Override
	public void stop() {
		this.active.set(false);
	}

	@Override
	public boolean isRunning() {
		return this.active.get();
	}

	@PreDestroy
	void shutDown() {
		this.wakeups.shutdownNow();
	}

	/**
	 * Claims, sends and settles one batch.
	 * @return how many deliveries it held
	 */
	int deliverBatch() {
		Instant claimedAt = this.clock.now();
		String claimant = UUID.randomUUID().toString();
		if (this.claims.claim(claimant, claimedAt, claimedAt.plus(this.properties.claimLease()),
				this.properties.claimSize()) == 0) {
			return 0;
		}
		List<Claimed> batch = this.deliveries.claimed(claimant);
		Map<Long, List<String>> signing = new HashMap<>();
		for (Claimed claimed : batch) {
			if (claimed.signed()) {
				signing.computeIfAbsent(claimed.endpointId(), (id) -> this.secrets.signing(id, claimedAt));
			}
		}
		long start = System.nanoTime();
		List<Sent> sent = sendAll(batch, signing, claimedAt, start);
		Instant settledAt = this.clock.now();
		// One commit for the whole batch's outcomes, log and promotions, not one per
		// statement: a round's cost is then its claim, its requests and one flush.
		Instant soonest = this.transaction.execute((tx) -> settle(sent, claimant, settledAt));
		wakeFor(soonest, settledAt);
		return batch.size();
	}

	// A retry due before the next poll (a connector asked for a short wait) is sent when
	// due, not a poll interval later; other nodes find it at their polls as usual.
	private void wakeFor(@Nullable Instant next, Instant now) {
		if (next == null) {
			return;
		}
		Duration wait = Duration.between(now, next);
		if (wait.compareTo(this.properties.pollInterval()) < 0) {
			this.wakeups.schedule(this::wake, Math.max(wait.plus(WAKE_MARGIN).toMillis(), 0), TimeUnit.MILLISECONDS);
		}
	}

	private List<Sent> sendAll(List<Claimed> batch, Map<Long, List<String>> signing, Instant claimedAt, long start) {
		List<Future<Sent>> futures = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (Claimed claimed : batch) {
				futures.add(executor.submit(() -> sendOne(claimed, signing, claimedAt, start)));
			}
		}
		List<Sent> sent = new ArrayList<>();
		for (Future<Sent> future : futures) {
			sent.add(future.resultNow());
		}
		return sent;
	}

	private Sent sendOne(Claimed claimed, Map<Long, List<String>> signing, Instant claimedAt, long start)
			throws InterruptedException {
		this.slots.acquire();
		try {
			// This attempt's time on the database's clock: the claim's time plus the time
			// since.
			Instant at = claimedAt.plus(Duration.ofNanos(System.nanoTime() - start));
			Attempted result = switch (claimed.kind()) {
				case EXTERNAL_SITE -> Attempted.of(sendPrepared(claimed, at));
				case CONNECTOR -> this.connectors.send(claimed);
				default -> Attempted.of(this.sender.send(request(claimed, signing, at.getEpochSecond())));
			};
			Timer.builder("callbridge.webhooks.deliveries")
				.description("Webhook delivery attempts")
				.tag("outcome", result.outcome())
				.register(this.meters)
				.record(Duration.ofMillis(result.latencyMs()));
			return new Sent(claimed, at, result);
		}
		finally {
			this.slots.release();
		}
	}

	private OutboundRequest request(Claimed claimed, Map<Long, List<String>> signing, long seconds) {
		boolean withBody = claimed.method() != EndpointMethod.GET;
		String body = withBody ? claimed.payload() : "";
		String signature = claimed.signed()
				? WebhookSigner.signature(signing.get(claimed.endpointId()), claimed.messageId(), seconds, body) : null;
		return new OutboundRequest(url(claimed), claimed.method(), claimed.messageId(), seconds, signature, body);
	}

	// A failed login is an attempt that failed without an answer, retried by the
	// schedule.
	private SendResult sendPrepared(Claimed claimed, Instant at) {
		OutboundRequest request;
		try {
			request = this.externalSites.build(claimed.tenantId(), claimed.payload(), at);
		}
		catch (ExternalSiteTokens.AuthenticationFailed ex) {
			return new SendResult(null, 0, ex.getMessage(), null, null, false);
		}
		catch (RuntimeException ex) {
			// A message that is not a prepared request (a test event) fails like any
			// other.
			return new SendResult(null, 0, "Not a prepared request: " + ex.getClass().getSimpleName(), null, null,
					false);
		}
		return this.sender.send(request);
	}

	private static String url(Claimed claimed) {
		return (claimed.kind() == EndpointKind.CRM_TRIGGER && claimed.triggerQuery() != null)
				? TriggerQueries.appendTo(claimed.url(), claimed.triggerQuery()) : claimed.url();
	}

	// Returns the soonest retry it scheduled, if any.
	private @Nullable Instant settle(List<Sent> sent, String claimant, Instant now) {
		Instant soonest = null;
		List<Attempt> attempts = new ArrayList<>();
		List<Outcome> outcomes = new ArrayList<>();
		// Sorted, so two nodes settling at once lock endpoint rows in the same order.
		Set<Long> answered = new TreeSet<>();
		Map<Long, Long> failing = new TreeMap<>();
		for (Sent one : sent) {
			Claimed claimed = one.claimed();
			Attempted result = one.result();
			attempts.add(new Attempt(claimed.id(), claimed.endpointId(), one.at(), result.status(), result.latencyMs(),
					result.error(), result.excerpt()));
			if (result.delivered()) {
				answered.add(claimed.endpointId());
				outcomes.add(new Outcome(claimed.id(), "DELIVERED", result.status(), null, now));
				continue;
			}
			failing.put(claimed.endpointId(), claimed.tenantId());
			String error = (result.error() != null) ? result.error() : "HTTP " + result.status();
			Optional<Instant> next = next(claimed, result, now);
			outcomes.add(new Outcome(claimed.id(), next.isPresent() ? "PENDING" : "FAILED", result.status(), error,
					next.orElse(null)));
			if (next.isPresent() && (soonest == null || next.get().isBefore(soonest))) {
				soonest = next.get();
			}
		}
		this.deliveries.settle(claimant, outcomes);
		this.deliveries.promoteNext(sent.stream()
			.filter((one) -> one.result().delivered()
					|| outcomes.stream().anyMatch((o) -> o.deliveryId() == one.claimed().id() && o.at() == null))
			.map(Sent::claimed)
			.toList(), now);
		this.deliveries.log(attempts);
		answered.forEach(this.deliveries::endpointAnswered);
		failing.keySet().removeAll(answered);
		failing.forEach((endpointId, tenantId) -> failed(endpointId, tenantId, now));
		return soonest;
	}

	private Optional<Instant> next(Claimed claimed, Attempted result, Instant now) {
		if (result.givesUp()) {
			return Optional.empty();
		}
		if (result.askedWait() != null) {
			return this.schedule.after(claimed.attempts() + 1, now, result.askedWait());
		}
		return this.schedule.next(claimed.attempts() + 1, now, result.status(), result.retryAfter());
	}

	private void failed(long endpointId, long tenantId, Instant now) {
		this.deliveries.endpointFailed(endpointId, now);
		if (this.deliveries.disableIfFailingSince(endpointId, now.minus(this.properties.disableAfter()), now)) {
			log.warn("Webhook endpoint {} of tenant {} disabled: no successful answer for {}", endpointId, tenantId,
					this.properties.disableAfter());
			this.audit
				.record(new AuditEntry(tenantId, AuditCategory.WEBHOOK, "disable", null, null,
						"/api/v1/webhooks/endpoints/" + endpointId, "reason=" + WebhookEndpoint.DISABLED_FAILING
								+ ", failing for " + this.properties.disableAfter(),
						null, null, AuditOutcome.SUCCESS, null));
		}
	}

	private record Sent(Claimed claimed, Instant at, Attempted result) {
	}

}
