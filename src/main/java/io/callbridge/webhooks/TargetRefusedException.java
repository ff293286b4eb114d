package io.callbridge.webhooks;

import java.io.Serial;
import java.net.UnknownHostException;

/**
 * A webhook target resolved to an address Callbridge does not send to (loopback, private,
 * link-local, cloud metadata …). An {@link UnknownHostException}, so the HTTP client's
 * resolver can refuse the connection before it is made.
 */
final class TargetRefusedException extends UnknownHostException {

	@Serial
	private static final long serialVersionUID = 1L;

	TargetRefusedException(String message) {
		super(message);
	}

}
