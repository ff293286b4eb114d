package io.callbridge.crm.retailcrm;

import org.jspecify.annotations.Nullable;

/**
 * Any request the simulated retailCRM received, in order, with its answer.
 *
 * @param method the HTTP method
 * @param path the path
 * @param status the HTTP status answered
 * @param errorMsg the {@code errorMsg} answered, or what refused it when the answer was
 * not retailCRM's envelope (e.g. {@code rate limit}, {@code down}); null on success
 */
public record RetailCrmReceived(String method, String path, int status, @Nullable String errorMsg) {

	public boolean refused() {
		return this.status >= 300;
	}

}
