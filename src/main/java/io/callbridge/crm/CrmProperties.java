package io.callbridge.crm;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the CRM connections behave ({@code callbridge.crm.*}); a connector's own settings
 * (timeouts, request rates) are its module's properties.
 *
 * @param responsibleBudget how long routing waits for a CRM to name a caller's
 * responsible manager before it decides without
 * @param registrationCheck how often one node looks for connections to register again
 * (codes or URLs changed, a retryable failure due)
 * @param recordingLinkTtl how long a recording link given to a CRM plays
 * @param allowHttp whether a CRM's address (and Callbridge's public address given to it)
 * may be plain {@code http}: only for tests and local simulators, since credentials and
 * recordings travel over it
 */
@Validated
@ConfigurationProperties("callbridge.crm")
public record CrmProperties(@NotNull @DefaultValue("250ms") Duration responsibleBudget,
		@NotNull @DefaultValue("1m") Duration registrationCheck,
		@NotNull @DefaultValue("90d") Duration recordingLinkTtl, @DefaultValue("false") boolean allowHttp) {

	public CrmProperties {
		if (!responsibleBudget.isPositive() || !registrationCheck.isPositive() || !recordingLinkTtl.isPositive()) {
			throw new IllegalArgumentException(
					"callbridge.crm.responsible-budget, registration-check and recording-link-ttl must be positive");
		}
	}

}
