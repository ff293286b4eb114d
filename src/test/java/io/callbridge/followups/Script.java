package io.callbridge.followups;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the test-only listener does for one event: fail a number of times (or always),
 * take some time, and remember each run (when it started, on which node, how many runs of
 * the same script overlapped). Scripts are shared by every node of the JVM.
 */
final class Script {

	private static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

	private final String id = UUID.randomUUID().toString();

	private final AtomicInteger failuresLeft;

	private final AtomicBoolean failForever;

	private final Duration work;

	private final List<Run> runs = new ArrayList<>();

	private final AtomicInteger running = new AtomicInteger();

	private final AtomicInteger mostAtOnce = new AtomicInteger();

	private final AtomicInteger successes = new AtomicInteger();

	private Script(int failures, boolean forever, Duration work) {
		this.failuresLeft = new AtomicInteger(failures);
		this.failForever = new AtomicBoolean(forever);
		this.work = work;
		SCRIPTS.put(this.id, this);
	}

	/** Fails the first {@code failures} runs, then succeeds. */
	static Script failing(int failures) {
		return new Script(failures, false, Duration.ZERO);
	}

	/** Fails the first {@code failures} runs, each taking {@code work}, then succeeds. */
	static Script failing(int failures, Duration work) {
		return new Script(failures, false, work);
	}

	/** Fails every run until {@link #succeedFromNow()}. */
	static Script failingForever() {
		return new Script(0, true, Duration.ZERO);
	}

	/** Fails every run, each taking {@code work}, until {@link #succeedFromNow()}. */
	static Script failingForever(Duration work) {
		return new Script(0, true, work);
	}

	static Script get(String id) {
		Script script = SCRIPTS.get(id);
		if (script == null) {
			throw new IllegalStateException("No script " + id);
		}
		return script;
	}

	String id() {
		return this.id;
	}

	void succeedFromNow() {
		this.failForever.set(false);
		this.failuresLeft.set(0);
	}

	/** One run on the given node: fails or returns as scripted. */
	void run(String node) {
		int now = this.running.incrementAndGet();
		this.mostAtOnce.accumulateAndGet(now, Math::max);
		synchronized (this.runs) {
			this.runs.add(new Run(Instant.now(), node));
		}
		try {
			if (!this.work.isZero()) {
				Thread.sleep(this.work);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.running.decrementAndGet();
		}
		if (this.failForever.get() || this.failuresLeft.getAndDecrement() > 0) {
			throw new IllegalStateException("scripted failure of run " + runs().size());
		}
		this.successes.incrementAndGet();
	}

	List<Run> runs() {
		synchronized (this.runs) {
			return List.copyOf(this.runs);
		}
	}

	int successes() {
		return this.successes.get();
	}

	/** The most runs of this script that were in progress at the same time. */
	int mostAtOnce() {
		return this.mostAtOnce.get();
	}

	/**
	 * One run of the listener.
	 *
	 * @param startedAt when it started
	 * @param node the node it ran on
	 */
	record Run(Instant startedAt, String node) {
	}

}
