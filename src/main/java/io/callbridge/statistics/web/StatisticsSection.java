package io.callbridge.statistics.web;

import java.util.Arrays;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;

/** The parts of the dashboard each downloadable as CSV, by their name in the path. */
enum StatisticsSection {

	TOTALS("totals"), BY_DAY("by-day"), BY_HOUR("by-hour"), HEATMAP("heatmap"), AGENTS("agents"), OUTCOMES("outcomes"),
	COSTS("costs");

	private final String path;

	StatisticsSection(String path) {
		this.path = path;
	}

	/** The section's name in the address, e.g. {@code by-day}. */
	String path() {
		return this.path;
	}

	/**
	 * The section named in an address.
	 * @param path e.g. {@code by-day}
	 * @return the section
	 * @throws Problems.NotFound for any other name
	 */
	static StatisticsSection of(String path) {
		return Arrays.stream(values())
			.filter((section) -> section.path.equals(path))
			.findFirst()
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.statisticsSection"), path));
	}

}
