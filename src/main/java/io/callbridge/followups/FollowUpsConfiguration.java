package io.callbridge.followups;

import java.lang.reflect.Method;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.AopUtils;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.StaticMethodMatcherPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wiring of the follow-up retries: the advice recording listener failures.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpsConfiguration {

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor listenerFailuresAdvisor(ObjectProvider<PublicationRetries> retries,
			ObjectProvider<EventSerializer> serializer) {
		ListenerFailures advice = new ListenerFailures(retries, serializer);
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new AfterCommitListeners(), advice);
		advisor.setOrder(ListenerFailures.ORDER);
		return advisor;
	}

	/**
	 * The methods the registry keeps deliveries for: after-commit transactional event
	 * listeners (which {@code @ApplicationModuleListener} is).
	 */
	static final class AfterCommitListeners extends StaticMethodMatcherPointcut {

		@Override
		public boolean matches(Method method, Class<?> targetClass) {
			TransactionalEventListener listener = AnnotatedElementUtils.findMergedAnnotation(
					AopUtils.getMostSpecificMethod(method, targetClass), TransactionalEventListener.class);
			return listener != null && listener.phase() == TransactionPhase.AFTER_COMMIT;
		}

	}

}
