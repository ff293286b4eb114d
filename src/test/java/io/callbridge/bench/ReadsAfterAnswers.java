package io.callbridge.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.callbridge.support.ApiClient;
import io.callbridge.support.ApiResponse;
import io.callbridge.zadarma.ZadarmaWebhookSender;

/**
 * A user who reads right after each webhook's answer, while a load runs: one call start
 * at a time from its own contact's number, then at once the contact's calls through the
 * API. Measures the read's round trip (which includes the wait for the tenant's events
 * stored before it) and counts reads that did not show their call.
 */
final class ReadsAfterAnswers implements AutoCloseable {

	private final ZadarmaWebhookSender webhook;

	private final ApiClient.Caller api;

	private final long contactId;

	private final String number;

	private final String batch;

	private final Duration every;

	private final AtomicBoolean stopped = new AtomicBoolean();

	private final List<Long> micros = new ArrayList<>();

	private int misses;

	private int refused;

	private final Thread thread;

	/**
	 * @param number the contact's number as Zadarma sends it (digits only)
	 * @param every how often a call starts
	 */
	ReadsAfterAnswers(ZadarmaWebhookSender webhook, ApiClient.Caller api, long contactId, String number, String batch,
			Duration every) {
		this.webhook = webhook;
		this.api = api;
		this.contactId = contactId;
		this.number = number;
		this.batch = batch;
		this.every = every;
		this.thread = Thread.ofPlatform().name("reads-after-answers").unstarted(this::run);
	}

	ReadsAfterAnswers start() {
		this.thread.start();
		return this;
	}

	private void run() {
		long next = System.nanoTime();
		for (int k = 0; !this.stopped.get(); k++) {
			readAfterAnswer("rd-" + this.batch + "-" + k);
			next += this.every.toNanos();
			long pause = next - System.nanoTime();
			if (pause > 0) {
				try {
					TimeUnit.NANOSECONDS.sleep(pause);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	private void readAfterAnswer(String pbxCallId) {
		if (this.webhook.post(ZadarmaTraffic.startFrom(pbxCallId, this.number)).statusCode() != 200) {
			this.refused++;
			return;
		}
		long sent = System.nanoTime();
		ApiResponse page = this.api.get("/api/v1/calls?contactId={contact}&size=500", this.contactId);
		long took = (System.nanoTime() - sent) / 1_000;
		synchronized (this.micros) {
			this.micros.add(took);
		}
		if (page.status() != 200 || !page.body().contains("\"" + pbxCallId + "\"")) {
			this.misses++;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped.set(true);
		this.thread.join();
	}

	/** The reads' round trips, in microseconds (read after {@link #close()}). */
	List<Long> micros() {
		synchronized (this.micros) {
			return List.copyOf(this.micros);
		}
	}

	/** Reads that did not show their call, and call starts not answered 200. */
	int misses() {
		return this.misses + this.refused;
	}

}
