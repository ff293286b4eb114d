package io.callbridge.telephony.web;

import java.net.URI;

import io.callbridge.telephony.TelephonyAccount;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Builds the public webhook URL of an account: from {@code callbridge.public-url} when
 * set (behind a proxy the server cannot know the address providers reach it at),
 * otherwise from the current request.
 */
@Component
class WebhookUrls {

	private final @Nullable String publicUrl;

	WebhookUrls(@Value("${callbridge.public-url:}") @Nullable String publicUrl) {
		this.publicUrl = (publicUrl == null || publicUrl.isBlank()) ? null : publicUrl.replaceAll("/+$", "");
	}

	/** The base all webhook URLs start with, ending in {@code /webhooks/}. */
	String base() {
		String root = (this.publicUrl != null) ? this.publicUrl
				: ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		return root + "/webhooks/";
	}

	URI of(TelephonyAccount account) {
		return URI.create(base() + account.provider() + "/" + account.webhookToken());
	}

}
