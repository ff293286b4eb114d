package io.callbridge.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that {@link ShortLivedCache} keeps a loaded value until it is evicted (one key or
 * all) and never keeps a value loaded while an eviction happened.
 */
class ShortLivedCacheTest {

	private final ShortLivedCache<Long, String> cache = new ShortLivedCache<>(Duration.ofMinutes(1));

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void aValueIsLoadedOnceUntilItsKeyIsEvicted() {
		assertThat(get(1L)).contains("v1");
		assertThat(get(1L)).contains("v1");
		this.cache.evict(1L);

		assertThat(get(1L)).contains("v2");
		assertThat(this.loads).hasValue(2);
	}

	@Test
	void evictingAllForgetsEveryKey() {
		get(1L);
		get(2L);
		this.cache.evictAll();

		get(1L);
		get(2L);
		assertThat(this.loads).hasValue(4);
	}

	@Test
	void aValueLoadedWhileEverythingWasEvictedIsNotKept() {
		assertThat(this.cache.get(1L, (key) -> {
			this.cache.evictAll();
			return Optional.of("read before the change");
		})).contains("read before the change");

		assertThat(get(1L)).contains("v1");
	}

	@Test
	void nothingIsKeptForAKeyTheLoaderFindsNothingFor() {
		assertThat(this.cache.get(1L, (key) -> Optional.empty())).isEmpty();

		assertThat(get(1L)).contains("v1");
	}

	private Optional<String> get(long key) {
		return this.cache.get(key, (k) -> Optional.of("v" + this.loads.incrementAndGet()));
	}

}
