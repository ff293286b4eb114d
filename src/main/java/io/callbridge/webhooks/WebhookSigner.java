package io.callbridge.webhooks;

import java.util.List;
import java.util.stream.Collectors;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.EmptyWebhookSecretException;
import com.standardwebhooks.exceptions.WebhookSigningException;

/**
 * Signs a message as Standard Webhooks says, with each secret that signs now: the
 * {@code webhook-signature} header is their signatures separated by spaces
 * ({@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}).
 */
final class WebhookSigner {

	private WebhookSigner() {
	}

	/** The {@code webhook-signature} header. */
	static String signature(List<String> secrets, String messageId, long timestampSeconds, String body) {
		return secrets.stream()
			.map((secret) -> sign(secret, messageId, timestampSeconds, body))
			.collect(Collectors.joining(" "));
	}

	private static String sign(String secret, String messageId, long timestampSeconds, String body) {
		try {
			return new Webhook(secret).sign(messageId, timestampSeconds, body);
		}
		catch (WebhookSigningException | EmptyWebhookSecretException ex) {
			throw new IllegalStateException("Cannot sign webhook " + messageId, ex);
		}
	}

}
