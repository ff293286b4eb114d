package io.callbridge.statistics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The nearest-rank percentile of a histogram, checked on lists worked out by hand (the
 * value at rank ⌈0.9 × n⌉ of the sorted values).
 */
class HistogramTests {

	@Test
	void takesTheValueAtTheNearestRank() {
		// 10 20 … 90: rank ⌈8.1⌉ = 9 → 90 (H2's PERCENTILE_DISC(0.9) gives 80 here).
		assertThat(histogram(10, 20, 30, 40, 50, 60, 70, 80, 90).percentile(90)).isEqualTo(90);
		// 10 … 100: rank 9 → 90 (exactly 90 % do not exceed it).
		assertThat(histogram(10, 20, 30, 40, 50, 60, 70, 80, 90, 100).percentile(90)).isEqualTo(90);
		// 10 … 110: rank ⌈9.9⌉ = 10 → 100.
		assertThat(histogram(10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110).percentile(90)).isEqualTo(100);
		// 10 … 60: rank ⌈5.4⌉ = 6 → 60 (H2: 50).
		assertThat(histogram(10, 20, 30, 40, 50, 60).percentile(90)).isEqualTo(60);
		assertThat(histogram(7).percentile(90)).isEqualTo(7);
	}

	@Test
	void countsRepeatedValuesByTheirCalls() {
		Histogram histogram = new Histogram();
		histogram.add(5, 8);
		histogram.add(60, 1);
		histogram.add(0, 1);

		// 0 5 5 5 5 5 5 5 5 60: rank 9 → 5; rank 10 (p100) → 60.
		assertThat(histogram.percentile(90)).isEqualTo(5);
		assertThat(histogram.percentile(100)).isEqualTo(60);
		assertThat(histogram.percentile(10)).isEqualTo(0);
		assertThat(histogram.count()).isEqualTo(10);
		assertThat(histogram.sum()).isEqualTo(100);
		assertThat(histogram.average()).isCloseTo(10.0, within(1e-9));
	}

	@Test
	void hasNoPercentileOrAverageWithoutValues() {
		Histogram histogram = new Histogram();

		assertThat(histogram.percentile(90)).isNull();
		assertThat(histogram.average()).isNull();
		assertThat(histogram.sum()).isZero();
	}

	private static Histogram histogram(int... values) {
		Histogram histogram = new Histogram();
		for (int value : values) {
			histogram.add(value, 1);
		}
		return histogram;
	}

}
