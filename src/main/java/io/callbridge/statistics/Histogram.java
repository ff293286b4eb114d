package io.callbridge.statistics;

import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * How many calls had each whole number of seconds (of waiting or of talk), from which the
 * count, the total, the average and exact percentiles follow. The database returns the
 * histogram rather than a percentile because {@code PERCENTILE_DISC} is not the same
 * function on both databases: H2 2.x picks the value at the rounded position
 * {@code p × (n − 1)} (the 9th of 10 values, but the 8th of 9), PostgreSQL the standard
 * one, the first value whose cumulative share reaches {@code p}.
 */
final class Histogram {

	private final TreeMap<Integer, Long> counts = new TreeMap<>();

	private long count;

	private long sum;

	void add(int seconds, long calls) {
		this.counts.merge(seconds, calls, Long::sum);
		this.count += calls;
		this.sum += seconds * calls;
	}

	long count() {
		return this.count;
	}

	long sum() {
		return this.sum;
	}

	@Nullable Double average() {
		return (this.count > 0) ? (double) this.sum / this.count : null;
	}

	/**
	 * The nearest-rank percentile: the smallest value that at least {@code percent} % of
	 * the values do not exceed (the value at rank ⌈percent × n / 100⌉ in ascending
	 * order), as {@code PERCENTILE_DISC(percent / 100)} defines it.
	 * @param percent 1 to 100
	 * @return the value, {@code null} without values
	 */
	@Nullable Integer percentile(int percent) {
		long rank = (percent * this.count + 99) / 100;
		long seen = 0;
		for (Map.Entry<Integer, Long> entry : this.counts.entrySet()) {
			seen += entry.getValue();
			if (seen >= rank) {
				return entry.getKey();
			}
		}
		return null;
	}

}
