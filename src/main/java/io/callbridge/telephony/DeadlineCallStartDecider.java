package io.callbridge.telephony;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the {@link CallStartDecider} with a hard deadline: a late or failing decision
 * becomes {@link CallStartDecision#proceed()}, so a slow lookup never delays the ringing.
 */
public final class DeadlineCallStartDecider {

	private static final Logger log = LoggerFactory.getLogger(DeadlineCallStartDecider.class);

	private final CallStartDecider decider;

	private final Duration deadline;

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	public DeadlineCallStartDecider(CallStartDecider decider, Duration deadline) {
		this.decider = decider;
		this.deadline = deadline;
	}

	/**
	 * Decides within the deadline and tells the decider which decision was given.
	 * @param query the starting call
	 * @return the decision to send to the provider
	 */
	public CallStartDecision decide(CallStartQuery query) {
		CallStartDecision decision = decideInTime(query);
		if (!decision.isDefault()) {
			try {
				this.decider.applied(query, decision);
			}
			catch (RuntimeException ex) {
				log.warn("Recording the call-start decision for {} failed: {}", query.providerCallId(),
						ex.getMessage());
			}
		}
		return decision;
	}

	private CallStartDecision decideInTime(CallStartQuery query) {
		CompletableFuture<CallStartDecision> future = CompletableFuture.supplyAsync(() -> this.decider.decide(query),
				this.executor);
		try {
			return future.get(this.deadline.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			log.warn("Call-start decision for {} took longer than {}; proceeding by default", query.providerCallId(),
					this.deadline);
			return CallStartDecision.proceed();
		}
		catch (ExecutionException ex) {
			log.warn("Call-start decision for {} failed; proceeding by default", query.providerCallId(), ex.getCause());
			return CallStartDecision.proceed();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return CallStartDecision.proceed();
		}
	}

}
