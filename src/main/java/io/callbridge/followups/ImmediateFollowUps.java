package io.callbridge.followups;

import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a follow-up of a fact inside the transaction that publishes the fact, for
 * follow-ups that only write to Callbridge's own tables (a CRM push queued in the outbox,
 * an end-of-call rule): they commit with the fact, at no commit of their own. The work
 * runs in a savepoint; when it fails, the savepoint is rolled back (the fact still
 * commits) and a deferral event is published instead, whose durable listener retries the
 * same work after commit like any other follow-up (listed and retried by this module).
 * <p>
 * Why: a durable listener costs three commits per fact (its publication marked, its own
 * transaction, its completion), which bounded how many call events a node could apply;
 * most of these follow-ups find nothing to do (no CRM connection, no rule switched on).
 */
@Service
public class ImmediateFollowUps {

	private static final Logger log = LoggerFactory.getLogger(ImmediateFollowUps.class);

	private final TransactionTemplate savepoint;

	private final ApplicationEventPublisher events;

	private final MeterRegistry meters;

	ImmediateFollowUps(PlatformTransactionManager transactions, ApplicationEventPublisher events,
			MeterRegistry meters) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
		this.events = events;
		this.meters = meters;
	}

	/**
	 * Runs the work now, in a savepoint of the current transaction (in a transaction of
	 * its own when there is none); publishes the deferral if it fails.
	 * @param name the follow-up, for logs and the metric
	 * {@code callbridge.followups.deferred}
	 * @param work what to do
	 * @param deferral the event whose durable listener does the same work later
	 */
	public void run(String name, Runnable work, Supplier<Object> deferral) {
		try {
			this.savepoint.executeWithoutResult((status) -> work.run());
		}
		catch (RuntimeException ex) {
			log.warn("Follow-up {} failed inside the fact's transaction ({}); deferred to a retried delivery", name,
					ex.toString());
			this.meters.counter("callbridge.followups.deferred", "follow_up", name).increment();
			this.events.publishEvent(deferral.get());
		}
	}

}
