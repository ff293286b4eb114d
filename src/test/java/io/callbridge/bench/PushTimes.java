package io.callbridge.bench;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.callbridge.calls.CallRang;
import io.callbridge.screenpop.ConsoleConnections;
import org.aopalliance.intercept.MethodInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * Notes when each call's SSE message has left the server: the moment
 * {@link ConsoleConnections#push} returns having sent it, the same point where the
 * server's {@code callbridge.screenpop.push.latency} timer stops; and when each call's
 * {@link CallRang} was published (heard synchronously, inside the publishing
 * transaction), so the pop-up's own share can be told from the ingestion's.
 */
@TestConfiguration(proxyBeanMethods = false)
class PushTimes {

	private static final Map<Long, Instant> SENT = new ConcurrentHashMap<>();

	private static final Map<Long, Instant> RANG = new ConcurrentHashMap<>();

	@Bean
	static RangRecorder rangRecorder() {
		return new RangRecorder();
	}

	@Bean
	static BeanPostProcessor pushTimesRecorder() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof ConsoleConnections)) {
					return bean;
				}
				ProxyFactory proxy = new ProxyFactory(bean);
				proxy.setProxyTargetClass(true);
				proxy.addAdvice((MethodInterceptor) (invocation) -> {
					Object result = invocation.proceed();
					if ("push".equals(invocation.getMethod().getName()) && result instanceof Integer sent && sent > 0) {
						Long callId = callId(invocation.getArguments()[2]);
						if (callId != null) {
							SENT.putIfAbsent(callId, Instant.now());
						}
					}
					return result;
				});
				return proxy.getProxy();
			}
		};
	}

	static @Nullable Instant sentAt(long callId) {
		return SENT.get(callId);
	}

	static @Nullable Instant rangAt(long callId) {
		return RANG.get(callId);
	}

	/** Hears each {@link CallRang} when it is published. */
	static final class RangRecorder {

		@EventListener
		void on(CallRang event) {
			RANG.putIfAbsent(event.callId(), Instant.now());
		}

	}

	/**
	 * Per message class, its accessible {@code callId} accessor (absent: none), found
	 * once: looked up at each push, the reflection's set-up took a sixth of the delivery
	 * thread's time in a burst, on the path being measured.
	 */
	private static final ClassValue<Optional<Method>> CALL_ID = new ClassValue<>() {
		@Override
		protected Optional<Method> computeValue(Class<?> type) {
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					if ("callId".equals(component.getName())) {
						Method accessor = component.getAccessor();
						accessor.setAccessible(true);
						return Optional.of(accessor);
					}
				}
			}
			return Optional.empty();
		}
	};

	private static @Nullable Long callId(Object data) {
		Optional<Method> accessor = CALL_ID.get(data.getClass());
		if (accessor.isEmpty()) {
			return null;
		}
		try {
			return (Long) accessor.get().invoke(data);
		}
		catch (ReflectiveOperationException ex) {
			return null;
		}
	}

}
