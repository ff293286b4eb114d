package io.callbridge.support;

import java.util.List;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

/**
 * Reads what a test's {@link ListAppender} has collected while other threads of the
 * application (schedulers, workers) may still be logging into it: iterating its list
 * directly can meet an append half-way ({@code ConcurrentModificationException}).
 */
public final class Logged {

	private Logged() {
	}

	/**
	 * The events collected so far.
	 * @param appender the appender
	 * @return a copy, taken under the appender's lock
	 */
	public static List<ILoggingEvent> events(ListAppender<ILoggingEvent> appender) {
		// AppenderBase.doAppend adds to the list holding the appender's monitor.
		synchronized (appender) {
			return List.copyOf(appender.list);
		}
	}

}
