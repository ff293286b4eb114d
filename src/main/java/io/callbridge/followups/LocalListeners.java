package io.callbridge.followups;

import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalApplicationListener;

/**
 * The listeners whose deliveries the event publication registry keeps on this node
 * (after-commit transactional listeners, e.g. {@code @ApplicationModuleListener}), by the
 * registry's listener id. A node retries only publications of listeners it has, so a node
 * running an older or newer version never takes over (and fails) another's follow-ups.
 */
@Component
class LocalListeners {

	private final ApplicationContext context;

	private volatile @Nullable Set<String> ids;

	LocalListeners(ApplicationContext context) {
		this.context = context;
	}

	Set<String> ids() {
		Set<String> known = this.ids;
		if (known == null) {
			known = Set.copyOf(collect());
			this.ids = known;
		}
		return known;
	}

	boolean has(String listenerId) {
		return ids().contains(listenerId);
	}

	private Set<String> collect() {
		Set<String> found = new TreeSet<>();
		if (this.context instanceof AbstractApplicationContext app) {
			for (ApplicationListener<?> listener : app.getApplicationListeners()) {
				if (listener instanceof TransactionalApplicationListener<?> transactional
						&& transactional.getTransactionPhase() == TransactionPhase.AFTER_COMMIT) {
					found.add(transactional.getListenerId());
				}
			}
		}
		return found;
	}

}
