package io.callbridge.followups;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A test-only listener of {@link ScriptedEvent}, registered only in the contexts of the
 * follow-up tests (never picked up by component scanning), so other tests never see its
 * publications; with the helper that publishes its events.
 */
@TestConfiguration(proxyBeanMethods = false)
class ScriptedListeners {

	@Bean
	ScriptedListener scriptedListener(Environment environment) {
		return new ScriptedListener(environment);
	}

	@Bean
	ScriptedEvents scriptedEvents(ApplicationEventPublisher events, TransactionTemplate transactions, JdbcClient jdbc) {
		return new ScriptedEvents(events, transactions, jdbc);
	}

	/**
	 * Follows the event's script; a node is named by its HTTP port.
	 */
	static class ScriptedListener {

		private final Environment environment;

		ScriptedListener(Environment environment) {
			this.environment = environment;
		}

		@ApplicationModuleListener
		void on(ScriptedEvent event) {
			Script.get(event.scriptId()).run(this.environment.getProperty("local.server.port", "?"));
		}

	}

}
