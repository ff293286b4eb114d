package io.callbridge.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit trail is kept.
 *
 * @param retention events older than this are deleted (default 180 days)
 */
@ConfigurationProperties("callbridge.audit")
record AuditProperties(@DefaultValue("180d") Duration retention) {

	AuditProperties {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("callbridge.audit.retention must be positive");
		}
	}

}
