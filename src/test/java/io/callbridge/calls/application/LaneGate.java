package io.callbridge.calls.application;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.callbridge.calls.CallEnded;

import org.springframework.context.event.EventListener;

/**
 * A bean of a test's second node that holds every lane transaction ending a call until
 * the test opens it, counting how many are held at once: it hears {@link CallEnded}
 * synchronously, inside the transaction of the lane applying the event. One test at a
 * time uses it (its state is static: the node is built from the class).
 */
class LaneGate {

	private static final AtomicInteger inside = new AtomicInteger();

	private static final AtomicInteger mostInside = new AtomicInteger();

	private static volatile CountDownLatch open = new CountDownLatch(0);

	/** Closes the gate and forgets the counts. */
	static void close() {
		inside.set(0);
		mostInside.set(0);
		open = new CountDownLatch(1);
	}

	/** Lets the held transactions and every later one through. */
	static void open() {
		open.countDown();
	}

	/** Lane transactions held now. */
	static int inside() {
		return inside.get();
	}

	/** The most lane transactions held at once since the gate was closed. */
	static int mostInside() {
		return mostInside.get();
	}

	@EventListener
	void hold(CallEnded ended) throws InterruptedException {
		mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
		try {
			// Bounded, so that a failed test never leaves a lane stuck.
			open.await(Duration.ofMinutes(1).toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			inside.decrementAndGet();
		}
	}

}
