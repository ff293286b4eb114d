package io.callbridge.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Counts and times the SQL statements, commits and connection checkouts of the
 * application while switched on, by wrapping its {@link DataSource}: shows where the time
 * of one event goes, by kind of thread — {@code ingest} (the benchmark's own delivering
 * threads, named {@code bench-…}), {@code webhook} (Tomcat's request threads),
 * {@code decider} (the unnamed virtual threads of the call-start decision),
 * {@code benchmark} (the thread that switched counting on, e.g. polling for completion)
 * and {@code listener} (everything else). Switched off, it hands out the pool's
 * connections themselves; a connection taken before counting starts is not counted.
 */
@TestConfiguration(proxyBeanMethods = false)
class SqlStatistics {

	private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeBatch",
			"executeLargeUpdate");

	private static final Map<String, Tally> TALLIES = new ConcurrentHashMap<>();

	private static volatile boolean enabled;

	private static volatile @Nullable Thread benchmark;

	/**
	 * The count and total time of one kind of call.
	 *
	 * @param key the statement (shortened) with the kind of thread that ran it
	 * @param count how many
	 * @param nanos total time
	 */
	record Entry(String key, long count, long nanos) {
	}

	/** Running totals of one kind of call. */
	private record Tally(LongAdder count, LongAdder nanos) {

		Tally() {
			this(new LongAdder(), new LongAdder());
		}

	}

	@Bean
	static BeanPostProcessor sqlStatisticsDataSourceWrapper() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return (bean instanceof DataSource dataSource) ? wrap(DataSource.class, dataSource, null) : bean;
			}
		};
	}

	static void start() {
		TALLIES.clear();
		benchmark = Thread.currentThread();
		enabled = true;
	}

	static List<Entry> stop() {
		enabled = false;
		return TALLIES.entrySet()
			.stream()
			.map((e) -> new Entry(e.getKey(), e.getValue().count().sum(), e.getValue().nanos().sum()))
			.sorted(Comparator.comparingLong(Entry::nanos).reversed())
			.toList();
	}

	/**
	 * SQL statements executed by the application (no commits or checkouts, not the
	 * benchmark's own).
	 */
	static double statements(List<Entry> entries) {
		return entries.stream()
			.filter((e) -> !e.key().contains(": (") && !e.key().startsWith("benchmark:"))
			.mapToLong(Entry::count)
			.sum();
	}

	/** JDBC time of the application (not the benchmark's own queries). */
	static long nanos(List<Entry> entries) {
		return entries.stream().filter((e) -> !e.key().startsWith("benchmark:")).mapToLong(Entry::nanos).sum();
	}

	private static <T> T wrap(Class<T> type, T target, @Nullable String sql) {
		InvocationHandler handler = (proxy, method, args) -> invoke(target, method, args, sql);
		return type
			.cast(Proxy.newProxyInstance(SqlStatistics.class.getClassLoader(), new Class<?>[] { type }, handler));
	}

	private static @Nullable Object invoke(Object target, Method method, @Nullable Object[] args, @Nullable String sql)
			throws Throwable {
		long start = System.nanoTime();
		Object result;
		try {
			result = method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
		if (!enabled) {
			return wrapResult(method, args, result);
		}
		String name = method.getName();
		if (target instanceof DataSource && "getConnection".equals(name)) {
			record("(connection checkout)", start);
		}
		else if (target instanceof Connection && ("commit".equals(name) || "rollback".equals(name))) {
			record("(" + name + ")", start);
		}
		else if (target instanceof Statement && EXECUTES.contains(name)) {
			record((sql != null) ? sql : String.valueOf((args != null && args.length > 0) ? args[0] : "?"), start);
		}
		return wrapResult(method, args, result);
	}

	private static @Nullable Object wrapResult(Method method, @Nullable Object[] args, @Nullable Object result) {
		if ("unwrap".equals(method.getName()) || !enabled) {
			// The caller asked for the driver's own type (e.g. PGConnection to LISTEN);
			// or nothing is counted: a connection or statement taken now is used and
			// given back uncounted, without a reflective call per parameter (1.3 % of
			// the JVM's samples of a measured webhook run when everything was wrapped).
			return result;
		}
		if (result instanceof Connection connection) {
			return wrap(Connection.class, connection, null);
		}
		if (result instanceof PreparedStatement statement && "prepareStatement".equals(method.getName())
				&& args != null) {
			return wrap(PreparedStatement.class, statement, (String) args[0]);
		}
		return result;
	}

	private static void record(String sql, long start) {
		long nanos = System.nanoTime() - start;
		String thread = kind(Thread.currentThread());
		String text = sql.replaceAll("\\s+", " ").strip();
		String key = thread + ": " + ((text.length() > 90) ? text.substring(0, 90) + "…" : text);
		Tally tally = TALLIES.computeIfAbsent(key, (k) -> new Tally());
		tally.count().increment();
		tally.nanos().add(nanos);
	}

	private static String kind(Thread thread) {
		String name = thread.getName();
		// The CDR sync's pages run on the history page workers.
		if (name.startsWith("bench-") || name.startsWith("history-page-")) {
			return "ingest";
		}
		if (name.startsWith("tomcat-handler-")) {
			return "webhook";
		}
		if (thread.isVirtual() && name.isEmpty()) {
			return "decider";
		}
		return (thread == benchmark) ? "benchmark" : "listener";
	}

}
