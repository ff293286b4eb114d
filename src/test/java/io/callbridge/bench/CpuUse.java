package io.callbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * CPU time used by this JVM (the server and the benchmark's own clients) and by every
 * PostgreSQL process of the machine, read before and after a run: the cost of a run in
 * CPU, which unlike its wall-clock rate does not depend on what else the machine does.
 * PostgreSQL's share is read from {@code /proc} (Linux, the server on the same machine);
 * elsewhere it is reported as unknown.
 *
 * @param jvmNanos CPU time of this JVM, all threads
 * @param postgresNanos CPU time of the PostgreSQL processes alive at the reading, or -1
 */
record CpuUse(long jvmNanos, long postgresNanos) {

	// USER_HZ, the unit of /proc/<pid>/stat's times: 100 on every Linux this runs on.
	private static final long NANOS_PER_TICK = 10_000_000L;

	/** The CPU used so far. */
	static CpuUse now() {
		return new CpuUse(jvm(), postgres());
	}

	/** The CPU used since {@code before}. */
	CpuUse since(CpuUse before) {
		long postgres = (this.postgresNanos < 0 || before.postgresNanos < 0) ? -1
				: this.postgresNanos - before.postgresNanos;
		return new CpuUse(this.jvmNanos - before.jvmNanos, postgres);
	}

	/** Microseconds of JVM CPU per unit of work. */
	double jvmMicrosPer(long work) {
		return this.jvmNanos / 1e3 / work;
	}

	/** Microseconds of PostgreSQL CPU per unit of work, or NaN when unknown. */
	double postgresMicrosPer(long work) {
		return (this.postgresNanos < 0) ? Double.NaN : this.postgresNanos / 1e3 / work;
	}

	private static long jvm() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	// A backend that exits during the run takes its time with it; the connection pool's
	// backends live as long as the server.
	private static long postgres() {
		Path proc = Path.of("/proc");
		if (!Files.isDirectory(proc)) {
			return -1;
		}
		try (Stream<Path> pids = Files.list(proc)) {
			return pids.filter((p) -> p.getFileName().toString().chars().allMatch(Character::isDigit))
				.mapToLong(CpuUse::postgresTicks)
				.sum() * NANOS_PER_TICK;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	private static long postgresTicks(Path pid) {
		try {
			String stat = Files.readString(pid.resolve("stat"));
			int open = stat.indexOf('(');
			int close = stat.lastIndexOf(')');
			if (open < 0 || close < open || !stat.substring(open + 1, close).startsWith("postgres")) {
				return 0;
			}
			// After the command: state, then fields 4…; utime and stime are fields 14 and
			// 15.
			String[] fields = stat.substring(close + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			// The process ended meanwhile, or is not readable.
			return 0;
		}
	}

}
