package io.callbridge.crm.web;

import io.callbridge.crm.ConnectionCommand;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Callbridge's public address for a connection ({@link ConnectionCommand#publicBaseUrl()}
 * left blank): {@code callbridge.public-url} when set (behind a proxy the server cannot
 * know the address the CRM reaches it at), otherwise the address of the request the admin
 * made.
 */
@Component
class PublicBaseUrl {

	private final @Nullable String configured;

	PublicBaseUrl(@Value("${callbridge.public-url:}") @Nullable String configured) {
		this.configured = (configured == null || configured.isBlank()) ? null : withoutSlash(configured.strip());
	}

	/** The address given, or the default when it is blank. */
	String orDefault(@Nullable String given) {
		return (given == null || given.isBlank()) ? byDefault() : given.strip();
	}

	/** The address a connection gets when the admin gives none. */
	String byDefault() {
		return (this.configured != null) ? this.configured
				: withoutSlash(ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
	}

	private static String withoutSlash(String url) {
		return url.replaceAll("/+$", "");
	}

}
