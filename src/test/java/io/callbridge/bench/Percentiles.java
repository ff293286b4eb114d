package io.callbridge.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Exact percentiles of a benchmark's samples: nearest rank over all of them, no
 * histogram.
 */
final class Percentiles {

	private Percentiles() {
	}

	static long[] sorted(List<Long> values) {
		long[] array = values.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(array);
		return array;
	}

	/**
	 * The nearest-rank percentile {@code p} (0–1) of sorted samples, -1 if there are
	 * none.
	 */
	static long percentile(long[] sorted, double p) {
		if (sorted.length == 0) {
			return -1;
		}
		int rank = (int) Math.ceil(p * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
	}

}
