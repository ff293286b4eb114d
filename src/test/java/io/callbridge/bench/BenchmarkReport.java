package io.callbridge.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A results table in Markdown: logged at the end of a benchmark and written to
 * {@code target/benchmarks/<name>.md}.
 */
final class BenchmarkReport {

	private static final Logger log = LoggerFactory.getLogger(BenchmarkReport.class);

	private final String name;

	private final List<String> lines = new ArrayList<>();

	BenchmarkReport(String name, String title, String database) {
		this.name = name;
		this.lines.add("# " + title);
		this.lines.add("");
		this.lines.add("- date: " + OffsetDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		this.lines.add("- database: " + database);
		this.lines.add("- JVM: " + Runtime.version() + ", " + Runtime.getRuntime().availableProcessors()
				+ " processors, max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
		this.lines.add(String.format(Locale.ROOT, "- system load average at start: %.2f",
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
		this.lines.add("");
	}

	BenchmarkReport line(String text) {
		this.lines.add(text);
		return this;
	}

	BenchmarkReport table(String... headers) {
		this.lines.add("| " + String.join(" | ", headers) + " |");
		this.lines.add("|" + "---|".repeat(headers.length));
		return this;
	}

	BenchmarkReport row(Object... cells) {
		List<String> texts = new ArrayList<>();
		for (Object cell : cells) {
			texts.add(format(cell));
		}
		this.lines.add("| " + String.join(" | ", texts) + " |");
		return this;
	}

	/**
	 * A table of the statements counted by {@link SqlStatistics}, with their count per
	 * measured item (event, request).
	 */
	BenchmarkReport statements(String item, int items, List<SqlStatistics.Entry> entries) {
		table("thread: statement", "count", "per " + item, "total ms", "mean µs");
		for (SqlStatistics.Entry entry : entries) {
			row("`" + entry.key() + "`", entry.count(),
					String.format(Locale.ROOT, "%.2f", (double) entry.count() / items), entry.nanos() / 1_000_000,
					(double) entry.nanos() / 1_000 / Math.max(1, entry.count()));
		}
		return this;
	}

	void publish() {
		String text = text();
		log.info("Benchmark results{}{}", System.lineSeparator(), text);
		try {
			Path file = Path.of("target", "benchmarks", this.name + ".md");
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String text() {
		return String.join(System.lineSeparator(), this.lines) + System.lineSeparator();
	}

	static String format(Object cell) {
		if (cell instanceof Double number) {
			return String.format(Locale.ROOT, "%,.1f", number);
		}
		if (cell instanceof Long || cell instanceof Integer) {
			return String.format(Locale.ROOT, "%,d", cell);
		}
		return String.valueOf(cell);
	}

	static String database() {
		return "postgres".equals(System.getProperty("callbridge.test.database")) ? "PostgreSQL" : "H2 (in memory)";
	}

}
