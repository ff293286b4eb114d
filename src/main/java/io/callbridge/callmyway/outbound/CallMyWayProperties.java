package io.callbridge.callmyway.outbound;

import java.net.URI;
import java.time.Duration;

import io.callbridge.telephony.ProviderTimeouts;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the CallMyWay client ({@code callbridge.callmyway.*}), validated at
 * start-up. Usernames and passwords are per account and never configured here.
 *
 * @param baseUrl the API host, {@code https://www.callmyway.com}
 * @param connectTimeout how long to wait for a connection (at most 1 min)
 * @param readTimeout how long a request may take until its answer is read (at most 5 min)
 * @param requestSpacing the least time between the answer to a {@code getCdrs}/
 * {@code getEndpoints} request of one username and the next such request from any node:
 * CallMyWay's 4 seconds plus a small margin, since it penalises earlier requests with
 * delays that accumulate
 * @param maxWait how long a request may wait for its turn before it fails as busy: live
 * polls go first, so a CDR page or an endpoint list may wait up to four turns (~17 s) for
 * each such request ahead of it
 * @param reconcileEvery how often the core may reconcile an account from the CDRs
 * @param accountBaseUrlAllowed whether an account's {@code baseUrl} setting is honoured;
 * off by default, because a tenant admin could otherwise point this server at internal
 * hosts
 * @param endpointsTtl how long an account's endpoint list is used before it is asked
 * again (the Extensions page, CDR syncs); a change of the account's credentials or base
 * URL asks again at once
 * @param providerSpacing the spacing CallMyWay itself enforces on {@code getCdrs},
 * {@code getEndpoints} and the live-call list: 4 seconds. It is a setting only so that a
 * test double with a shorter rule can be driven faster; against CallMyWay it must stay 4
 * s
 */
@ConfigurationProperties("callbridge.callmyway")
@Validated
public record CallMyWayProperties(@DefaultValue("https://www.callmyway.com") @NotNull URI baseUrl,
		@DefaultValue("5s") @NotNull Duration connectTimeout, @DefaultValue("20s") @NotNull Duration readTimeout,
		@DefaultValue("4200ms") @NotNull Duration requestSpacing, @DefaultValue("60s") @NotNull Duration maxWait,
		@DefaultValue("5m") @NotNull Duration reconcileEvery, @DefaultValue("false") boolean accountBaseUrlAllowed,
		@DefaultValue("5m") @NotNull Duration endpointsTtl, @DefaultValue("4s") @NotNull Duration providerSpacing) {

	/** CallMyWay's own rule: getCdrs and getEndpoints at most once every 4 seconds. */
	static final Duration PROVIDER_SPACING = Duration.ofSeconds(4);

	/** Below this no provider spacing makes sense, even a test double's. */
	private static final Duration SHORTEST_SPACING = Duration.ofMillis(100);

	public CallMyWayProperties {
		ProviderTimeouts.check("callbridge.callmyway", connectTimeout, readTimeout);
		String scheme = (baseUrl != null) ? baseUrl.getScheme() : null;
		if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException(
					"callbridge.callmyway.base-url must be an http(s) URL, not '" + baseUrl + "'");
		}
		if (providerSpacing != null && providerSpacing.compareTo(SHORTEST_SPACING) < 0) {
			throw new IllegalArgumentException(
					"callbridge.callmyway.provider-spacing must be at least 100 ms, not " + providerSpacing);
		}
		Duration least = (providerSpacing != null) ? providerSpacing : PROVIDER_SPACING;
		if (requestSpacing != null && requestSpacing.compareTo(least) < 0) {
			throw new IllegalArgumentException("callbridge.callmyway.request-spacing must be at least "
					+ least.toMillis() + " ms (CallMyWay delays earlier requests), not " + requestSpacing);
		}
		if (endpointsTtl != null && endpointsTtl.isNegative()) {
			throw new IllegalArgumentException("callbridge.callmyway.endpoints-ttl must not be negative");
		}
		if (maxWait != null && maxWait.isNegative()) {
			throw new IllegalArgumentException("callbridge.callmyway.max-wait must not be negative");
		}
	}

	ProviderTimeouts timeouts() {
		return new ProviderTimeouts(this.connectTimeout, this.readTimeout);
	}

}
