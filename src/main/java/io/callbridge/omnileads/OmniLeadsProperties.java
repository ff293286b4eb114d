package io.callbridge.omnileads;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OMniLeads-compatible API.
 *
 * @param tokenTtl how long a token lasts after it was created (OMniLeads'
 * {@code TOKEN_EXPIRED_AFTER_SECONDS}, 9 hours by default); it does not slide with use
 */
@ConfigurationProperties("callbridge.omnileads")
record OmniLeadsProperties(@DefaultValue("9h") Duration tokenTtl) {

	OmniLeadsProperties {
		if (!tokenTtl.isPositive()) {
			throw new IllegalArgumentException("callbridge.omnileads.token-ttl must be positive");
		}
	}

}
