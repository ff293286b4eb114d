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
		return decision(ask(query));
	}

	/**
	 * Starts the decision, so that the caller can store the call's event meanwhile; the
	 * deadline runs from now.
	 * @param query the starting call
	 * @return the decision under way, for {@link #decision} or {@link #forget}
	 */
	public Asked ask(CallStartQuery query) {
		long due = System.nanoTime() + this.deadline.toNanos();
		return new Asked(query, CompletableFuture.supplyAsync(() -> this.decider.decide(query), this.executor), due);
	}

	/**
	 * The decision asked for, waited for until the deadline; the decider is told which
	 * decision was given.
	 * @param asked what {@link #ask} returned
	 * @return the decision to send to the provider
	 */
	public CallStartDecision decision(Asked asked) {
		CallStartDecision decision = decisionInTime(asked);
		if (!decision.isDefault()) {
			try {
				this.decider.applied(asked.query(), decision);
			}
			catch (RuntimeException ex) {
				log.warn("Recording the call-start decision for {} failed: {}", asked.query().providerCallId(),
						ex.getMessage());
			}
		}
		return decision;
	}

	/** A decision asked for that nobody will send (the call's event was not stored). */
	public void forget(Asked asked) {
		asked.future().cancel(true);
	}

	private CallStartDecision decisionInTime(Asked asked) {
		CallStartQuery query = asked.query();
		try {
			return asked.future().get(Math.max(0, asked.due() - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			asked.future().cancel(true);
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

	/**
	 * A decision under way.
	 *
	 * @param query the starting call
	 * @param future the decision, once made
	 * @param due when the deadline ends ({@link System#nanoTime})
	 */
	public record Asked(CallStartQuery query, CompletableFuture<CallStartDecision> future, long due) {
	}

}
