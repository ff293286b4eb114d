package io.callbridge.followups;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.event.TransactionalApplicationListenerMethodAdapter;

/**
 * Wraps every listener whose deliveries the registry keeps and records each failure with
 * its error and the database's time, so the next retry waits from the failure and admins
 * see why it failed. Runs around the registry's own completion advice (which marks the
 * publication failed first) and outside the listener's transaction.
 */
final class ListenerFailures implements MethodInterceptor, Ordered {

	/** Just outside Spring Modulith's {@code CompletionRegisteringAdvisor} (+10). */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 5;

	private static final Logger log = LoggerFactory.getLogger(ListenerFailures.class);

	private final Map<Method, String> listenerIds = new ConcurrentHashMap<>();

	private final ObjectProvider<PublicationRetries> retries;

	private final ObjectProvider<EventSerializer> serializer;

	ListenerFailures(ObjectProvider<PublicationRetries> retries, ObjectProvider<EventSerializer> serializer) {
		this.retries = retries;
		this.serializer = serializer;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		try {
			return invocation.proceed();
		}
		catch (Throwable failure) {
			Object[] arguments = invocation.getArguments();
			if (arguments.length > 0 && arguments[0] != null) {
				record(invocation.getMethod(), arguments[0], failure);
			}
			throw failure;
		}
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	private void record(Method method, Object event, Throwable failure) {
		try {
			String listenerId = this.listenerIds.computeIfAbsent(method, ListenerFailures::listenerId);
			String serialized = this.serializer.getObject().serialize(event).toString();
			this.retries.getObject().recordFailure(listenerId, serialized, describe(failure));
		}
		catch (RuntimeException ex) {
			// The failure itself is kept by the registry; only its description is lost.
			log.warn("Could not record the failure of listener {}: {}", method, ex.toString());
		}
	}

	/**
	 * The error as admins read it: the exception's class and message, and its root cause.
	 */
	static String describe(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String text = failure.getClass().getSimpleName()
				+ ((failure.getMessage() != null) ? ": " + failure.getMessage() : "");
		if (root != failure) {
			text += " (cause: " + root.getClass().getSimpleName()
					+ ((root.getMessage() != null) ? ": " + root.getMessage() : "") + ")";
		}
		return text;
	}

	// The id the registry stores for the listener, computed the way Spring Modulith does.
	private static String listenerId(Method method) {
		return new TransactionalApplicationListenerMethodAdapter("followups", method.getDeclaringClass(), method)
			.getListenerId();
	}

}
