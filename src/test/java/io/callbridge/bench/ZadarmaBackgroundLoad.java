package io.callbridge.bench;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.callbridge.zadarma.ZadarmaWebhookSender;

/**
 * Background load for the Zadarma webhook benchmark: one thread per sender posting whole
 * calls ({@link ZadarmaTraffic#answeredCall}) as fast as it can, until stopped.
 */
final class ZadarmaBackgroundLoad implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofMinutes(1);

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final LongAdder acknowledged = new LongAdder();

	private final ExecutorService pool;

	private final long start = System.nanoTime();

	ZadarmaBackgroundLoad(List<ZadarmaWebhookSender> senders) {
		AtomicInteger threads = new AtomicInteger();
		this.pool = Executors.newFixedThreadPool(Math.max(1, senders.size()),
				(task) -> new Thread(task, "bench-load-" + threads.incrementAndGet()));
		String batch = "in_load" + UUID.randomUUID().toString().substring(0, 8);
		AtomicInteger next = new AtomicInteger();
		for (ZadarmaWebhookSender sender : senders) {
			this.pool.submit(() -> {
				while (this.running.get()) {
					int n = next.getAndIncrement();
					this.acknowledged.add(ZadarmaTraffic.deliver(sender, batch + "-" + n, n));
				}
			});
		}
	}

	/** Stops the load; returns the events per second it had acknowledged. */
	double stop() throws InterruptedException {
		this.running.set(false);
		this.pool.shutdown();
		this.pool.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		return this.acknowledged.sum() / ((System.nanoTime() - this.start) / 1e9);
	}

	@Override
	public void close() throws InterruptedException {
		stop();
	}

}
