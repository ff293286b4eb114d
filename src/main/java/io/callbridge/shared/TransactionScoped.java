package io.callbridge.shared;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A value that lives as long as the current transaction: made on first use, forgotten
 * when the transaction ends. For what one transaction that applies many events should
 * read or do once (an agent looked up per extension, a wallboard told once).
 */
public final class TransactionScoped {

	private TransactionScoped() {
	}

	/**
	 * The current transaction's value under the key, made by {@code create} on first use;
	 * empty outside a transaction.
	 */
	public static <T> Optional<T> value(Object key, Class<T> type, Supplier<T> create) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			return Optional.empty();
		}
		Object value = TransactionSynchronizationManager.getResource(key);
		if (value == null) {
			value = create.get();
			TransactionSynchronizationManager.bindResource(key, value);
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					TransactionSynchronizationManager.unbindResourceIfPossible(key);
				}
			});
		}
		return Optional.of(type.cast(value));
	}

}
