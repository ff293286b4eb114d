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
 * responsible manager before it decides without (well inside the providers' decision
 * deadlines, 300 ms, so the caller's name and Callbridge's own routing still make it)
 * @param registrationCheck how often one node looks for connections to register again
 * (codes or URLs changed, a retryable failure due)
 * @param recordingLinkTtl how long a recording link given to a CRM plays
 * @param allowHttp whether a CRM's address (and Callbridge's public address given to it)
 * may be plain {@code http}: only for tests and local simulators, since credentials and
 * recordings travel over it
 * @param liveEventMaxAge how long after a call ended its live events (pop-up, outgoing,
 * hang-up) are still sent; older ones, held back by an outage of the CRM, are dropped (a
 * pop-up for a call over long ago misleads), while the call's upload is always sent
 */
@Validated
@ConfigurationProperties("callbridge.crm")
public record CrmProperties(@NotNull @DefaultValue("200ms") Duration responsibleBudget,
		@NotNull @DefaultValue("1m") Duration registrationCheck,
		@NotNull @DefaultValue("90d") Duration recordingLinkTtl, @DefaultValue("false") boolean allowHttp,
		@NotNull @DefaultValue("2m") Duration liveEventMaxAge) {

	public CrmProperties {
		if (!responsibleBudget.isPositive() || !registrationCheck.isPositive() || !recordingLinkTtl.isPositive()
				|| !liveEventMaxAge.isPositive()) {
			throw new IllegalArgumentException("callbridge.crm.responsible-budget, registration-check, "
					+ "recording-link-ttl and live-event-max-age must be positive");
		}
	}

}
