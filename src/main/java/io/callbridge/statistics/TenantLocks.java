package io.callbridge.statistics;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * Orders the fact writes of one tenant on this node before they take a database
 * connection. Every write also holds the tenant's row lock in the database (for the other
 * nodes), but a writer waiting for that lock holds a pooled connection while it waits: a
 * burst of calls ending for one tenant would take every connection and time out. Waiting
 * here first, only one writer per tenant (and stripe) holds a connection at a time.
 * Tenants share a fixed number of stripes, so the locks never grow with the tenants.
 */
@Component
class TenantLocks {

	/** Enough stripes that busy tenants rarely wait for each other. */
	static final int STRIPES = 64;

	private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

	TenantLocks() {
		for (int i = 0; i < STRIPES; i++) {
			this.stripes[i] = new ReentrantLock();
		}
	}

	/**
	 * Runs the work holding the tenant's lock of this node.
	 * @param <T> the work's result
	 * @param tenantId tenant
	 * @param work what to do, typically a whole transaction
	 * @return the work's result
	 */
	<T> T holding(long tenantId, Supplier<T> work) {
		ReentrantLock lock = this.stripes[Math.floorMod(Long.hashCode(tenantId), STRIPES)];
		lock.lock();
		try {
			return work.get();
		}
		finally {
			lock.unlock();
		}
	}

}
