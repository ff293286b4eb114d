package io.callbridge.followups;

import java.lang.reflect.Method;
import java.time.Duration;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wiring of the follow-up retries: the advice recording listener failures, and the lock
 * that lets one node at a time look for due retries (ShedLock on database time).
 */
@Configuration(proxyBeanMethods = false)
class FollowUpsConfiguration {

	/** Name of the retry sweep's lock row in {@code shedlock}. */
	static final String SWEEP_LOCK = "followup-retries";

	/** How long a node that stopped mid-sweep keeps the others from sweeping. */
	static final Duration SWEEP_LOCK_AT_MOST = Duration.ofMinutes(1);

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static Advisor listenerFailuresAdvisor(ObjectProvider<PublicationRetries> retries,
			ObjectProvider<EventSerializer> serializer) {
		ListenerFailures advice = new ListenerFailures(retries, serializer);
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new AfterCommitListeners(), advice);
		advisor.setOrder(ListenerFailures.ORDER);
		return advisor;
	}

	@Bean
	LockingTaskExecutor followUpSweepLock(DataSource dataSource) {
		return new DefaultLockingTaskExecutor(
				new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
					.withJdbcTemplate(new JdbcTemplate(dataSource))
					.withTableName("shedlock")
					.usingDbTime()
					.build()));
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
