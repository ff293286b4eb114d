package io.callbridge.zadarma.outbound;

import java.net.URI;
import java.time.Duration;

import io.callbridge.telephony.ProviderTimeouts;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Zadarma REST client ({@code callbridge.zadarma.*}), validated at
 * start-up. Credentials are per account and never configured here.
 *
 * @param baseUrl the API host, e.g. {@code https://api.zadarma.com}
 * @param connectTimeout how long to wait for a connection (at most 1 min)
 * @param readTimeout how long a request may take until its answer is read (at most 5 min)
 * @param requestsPerMinute Zadarma's overall limit per API key
 * @param statisticsPerMinute Zadarma's limit per API key for {@code /v1/statistics*}
 * @param maxWait how long a request may wait for the local rate limit before it fails
 * @param statisticsMaxWait the same for statistics requests, which only background
 * reconciliation makes, so they may wait for the next free slot
 * @param reconcileEvery how often the core may reconcile an account from statistics
 * @param recordingLinkLifetime how long a recording link asked for stays valid (Zadarma:
 * 180 s to 60 days)
 * @param accountBaseUrlAllowed whether an account's {@code baseUrl} setting is honoured;
 * off by default, because a tenant admin could otherwise point this server at internal
 * hosts
 */
@ConfigurationProperties("callbridge.zadarma")
@Validated
record ZadarmaProperties(@DefaultValue("https://api.zadarma.com") @NotNull URI baseUrl,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("20s") @NotNull Duration readTimeout,
		@DefaultValue("100") @Min(1) @Max(10000) int requestsPerMinute,
		@DefaultValue("3") @Min(1) @Max(10000) int statisticsPerMinute, @DefaultValue("5s") @NotNull Duration maxWait,
		@DefaultValue("65s") @NotNull Duration statisticsMaxWait, @DefaultValue("20m") @NotNull Duration reconcileEvery,
		@DefaultValue("30m") @NotNull Duration recordingLinkLifetime,
		@DefaultValue("false") boolean accountBaseUrlAllowed) {

	ZadarmaProperties {
		ProviderTimeouts.check("callbridge.zadarma", connectTimeout, readTimeout);
		String scheme = (baseUrl != null) ? baseUrl.getScheme() : null;
		if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException(
					"callbridge.zadarma.base-url must be an http(s) URL, not '" + baseUrl + "'");
		}
		if (recordingLinkLifetime != null && (recordingLinkLifetime.compareTo(ZadarmaApiClient.SHORTEST_LINK) < 0
				|| recordingLinkLifetime.compareTo(ZadarmaApiClient.LONGEST_LINK) > 0)) {
			throw new IllegalArgumentException(
					"callbridge.zadarma.recording-link-lifetime must be between 180 s and 60 days, not "
							+ recordingLinkLifetime);
		}
	}

	ProviderTimeouts timeouts() {
		return new ProviderTimeouts(this.connectTimeout, this.readTimeout);
	}

}
