package io.callbridge.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

import org.slf4j.LoggerFactory;

/**
 * Counts the log events at WARN and ERROR while attached to the root logger, grouping the
 * ERROR events by logger, message pattern and exception, so a run can say which errors
 * were logged and how often without keeping every line.
 */
final class LogCounter extends AppenderBase<ILoggingEvent> {

	private final LongAdder errors = new LongAdder();

	private final LongAdder warnings = new LongAdder();

	private final LongAdder unstorable = new LongAdder();

	private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

	// The start of what the exception handlers log then (DatabaseRefusals).
	private static final String UNSTORABLE = "Text holding a character the database cannot store";

	private volatile String context = "";

	static LogCounter attach() {
		LogCounter counter = new LogCounter();
		counter.start();
		root().addAppender(counter);
		return counter;
	}

	void detach() {
		root().detachAppender(this);
		stop();
	}

	/** What the fuzzer is sending now, named in the ERROR kinds logged meanwhile. */
	void context(String context) {
		this.context = context;
	}

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			this.errors.increment();
			String kind = event.getLoggerName() + ": " + event.getMessage() + throwable(event.getThrowableProxy())
					+ " (during " + this.context + ")";
			this.errorKinds.computeIfAbsent(kind, (key) -> new LongAdder()).increment();
		}
		else if (event.getLevel() == Level.WARN) {
			this.warnings.increment();
			if (event.getMessage().startsWith(UNSTORABLE)) {
				this.unstorable.increment();
			}
		}
	}

	long errors() {
		return this.errors.sum();
	}

	long warnings() {
		return this.warnings.sum();
	}

	/**
	 * Text the database refused for a character it cannot store (PostgreSQL, a NUL): a
	 * way in that lets such text through, answered 422 by the safety net.
	 */
	long unstorable() {
		return this.unstorable.sum();
	}

	/** Each kind of ERROR event with how often it was logged. */
	Map<String, Long> errorKinds() {
		Map<String, Long> kinds = new TreeMap<>();
		this.errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
		return kinds;
	}

	private static String throwable(IThrowableProxy proxy) {
		if (proxy == null) {
			return "";
		}
		IThrowableProxy cause = proxy;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return " [" + proxy.getClassName() + ((cause != proxy) ? " caused by " + cause.getClassName() : "") + ": "
				+ abbreviate(cause.getMessage()) + "]";
	}

	private static String abbreviate(String message) {
		if (message == null) {
			return "";
		}
		String line = message.lines().findFirst().orElse("");
		return (line.length() > 160) ? line.substring(0, 160) + "…" : line;
	}

	private static Logger root() {
		return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
