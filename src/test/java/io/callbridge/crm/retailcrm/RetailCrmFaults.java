package io.callbridge.crm.retailcrm;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * What a test makes go wrong in the simulated retailCRM: the whole service down (503 with
 * retailCRM's JSON envelope or with an HTML page from the front proxy), a forced status
 * (503 or 429) until lifted or for the next N requests, and a garbage answer (HTTP 200
 * with a body that is not the envelope) written after the request took effect, as when a
 * proxy mangles the answer of a request that was processed.
 */
final class RetailCrmFaults {

	/** How a down retailCRM answers. */
	enum Down {

		/** 503 with {@code {"success":false,"errorMsg":"Service Unavailable"}}. */
		JSON,

		/** 503 with the front proxy's HTML page. */
		HTML

	}

	private volatile @Nullable Down down;

	private volatile int forcedStatus;

	private final AtomicInteger refuseNext = new AtomicInteger();

	private volatile int refuseNextStatus;

	private volatile @Nullable String garbage;

	void down(@Nullable Down down) {
		this.down = down;
	}

	void force(int status) {
		this.forcedStatus = status;
	}

	void refuseNext(int count, int status) {
		this.refuseNextStatus = status;
		this.refuseNext.set(count);
	}

	void garbage(@Nullable String body) {
		this.garbage = body;
	}

	@Nullable String garbage() {
		return this.garbage;
	}

	/** The answer of a fault in force before the request is read, or null. */
	@Nullable RetailCrmReply before() {
		Down down = this.down;
		if (down == Down.JSON) {
			return RetailCrmReply.json(503, "{\"success\":false,\"errorMsg\":\"Service Unavailable\"}", "down");
		}
		if (down == Down.HTML) {
			return RetailCrmReply.proxy(503, "down");
		}
		if (this.forcedStatus != 0) {
			return RetailCrmReply.proxy(this.forcedStatus, "forced");
		}
		if (this.refuseNext.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
			return RetailCrmReply.proxy(this.refuseNextStatus, "forced");
		}
		return null;
	}

}
