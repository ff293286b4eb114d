package io.callbridge.shared;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A node's cache of rows that rarely change and are read on every event (an account, a
 * tenant), each kept for a short time. A change made on this node evicts its row at once
 * and again when the change's transaction ends, and a load that began before an eviction
 * is not kept (it may have read the row as it was before the change), so a change is seen
 * by the very next read on this node; other nodes see it within the time to live.
 * <p>
 * A key is loaded by one thread at a time: a burst of webhooks arriving after its value
 * expired made each of them read the same row, each behind a pooled connection (200 rings
 * at once waited 22 ms each for one). While one thread reloads an expired value, the
 * others keep using it (for at most that load); a key with no value (never loaded or
 * evicted) makes them wait for the load in progress, provided it began after the last
 * eviction — one that began before may have read the row as it was before the change.
 *
 * @param <K> the key
 * @param <V> the cached value
 */
public final class ShortLivedCache<K, V> {

	private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

	/** The load in progress per key, which other readers of the key wait for. */
	private final Map<K, Load<V>> loads = new ConcurrentHashMap<>();

	private final AtomicLong evictions = new AtomicLong();

	private final long ttlNanos;

	/**
	 * A cache keeping each value for the given time.
	 * @param ttl how long a value may be used
	 */
	public ShortLivedCache(Duration ttl) {
		this.ttlNanos = ttl.toNanos();
	}

	/**
	 * The cached value, else the loaded one (kept unless the key was evicted meanwhile);
	 * nothing is kept for a key the loader finds nothing for.
	 * @param key the key
	 * @param loader reads the value from the database
	 * @return the value, if any
	 */
	public Optional<V> get(K key, Function<K, Optional<V>> loader) {
		Entry<V> entry = this.entries.get(key);
		if (entry != null && System.nanoTime() - entry.loadedAt() < this.ttlNanos) {
			return Optional.of(entry.value());
		}
		long epoch = this.evictions.get();
		Load<V> mine = new Load<>(epoch, new CompletableFuture<>());
		Load<V> running = this.loads.compute(key,
				(k, current) -> (current != null && current.epoch() == epoch) ? current : mine);
		if (running != mine) {
			return (entry != null) ? Optional.of(entry.value()) : running.join();
		}
		return load(key, loader, mine);
	}

	private Optional<V> load(K key, Function<K, Optional<V>> loader, Load<V> load) {
		try {
			Optional<V> loaded = loader.apply(key);
			loaded.ifPresent((value) -> put(key, value, load.epoch()));
			load.result().complete(loaded);
			return loaded;
		}
		catch (RuntimeException | Error ex) {
			load.result().completeExceptionally(ex);
			throw ex;
		}
		finally {
			this.loads.remove(key, load);
		}
	}

	/**
	 * Keeps a value read by other means (e.g. by another key), unless an eviction
	 * happened since {@code epoch}.
	 * @param key the key
	 * @param value the value read
	 * @param epoch {@link #epoch()} taken before the value was read
	 */
	public void put(K key, V value, long epoch) {
		if (this.evictions.get() != epoch) {
			// Read before a change: not kept, nor does it replace a value read since.
			return;
		}
		Entry<V> entry = new Entry<>(value, System.nanoTime());
		this.entries.put(key, entry);
		if (this.evictions.get() != epoch) {
			this.entries.remove(key, entry);
		}
	}

	/** The eviction count to take before reading a value for {@link #put}. */
	public long epoch() {
		return this.evictions.get();
	}

	/**
	 * Forgets a key's value now and, when called in a transaction, again once it ends:
	 * until it commits, other threads still read the old row and may load it.
	 * @param key the key
	 */
	public void evict(K key) {
		nowAndAfterTransaction(() -> forget(key));
	}

	/**
	 * Forgets every value, as {@link #evict} does one: for a change that concerns keys
	 * the writer does not know.
	 */
	public void evictAll() {
		nowAndAfterTransaction(this::forgetAll);
	}

	private static void nowAndAfterTransaction(Runnable forgetting) {
		forgetting.run();
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					forgetting.run();
				}
			});
		}
	}

	private void forgetAll() {
		this.evictions.incrementAndGet();
		this.entries.clear();
	}

	private void forget(K key) {
		this.evictions.incrementAndGet();
		this.entries.remove(key);
	}

	private record Entry<V>(V value, long loadedAt) {
	}

	/**
	 * A load in progress and the eviction count taken before it began.
	 */
	private record Load<V>(long epoch, CompletableFuture<Optional<V>> result) {

		/** The loaded value, or the loader's own failure. */
		Optional<V> join() {
			try {
				return this.result.join();
			}
			catch (CompletionException ex) {
				if (ex.getCause() instanceof RuntimeException failure) {
					throw failure;
				}
				if (ex.getCause() instanceof Error error) {
					throw error;
				}
				throw ex;
			}
		}

	}

}
