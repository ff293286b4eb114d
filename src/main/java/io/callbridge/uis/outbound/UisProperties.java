package io.callbridge.uis.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.telephony.ProviderTimeouts;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the UIS client ({@code callbridge.uis.*}), validated at start-up.
 * Credentials are per account and never configured here.
 *
 * @param hosts each brand's domain: {@code callapi.<domain>/v4.0},
 * {@code dataapi.<domain>/v2.0} and recordings under {@code app.<domain>} (defaults: uis
 * → uiscom.ru, comagic → comagic.ru, callgear → callgear.com)
 * @param connectTimeout how long to wait for a connection (at most 1 min)
 * @param readTimeout how long a request may take until its answer is read (at most 5 min)
 * @param accountBaseUrlAllowed whether an account's {@code callApiUrl} and
 * {@code dataApiUrl} settings are honoured; off by default, because a tenant admin could
 * otherwise point this server at internal hosts
 * @param reconcileEvery how often the core may reconcile an account from
 * {@code get.calls_report}
 * @param sessionRenewBefore how long before a {@code login.user} session expires it is
 * renewed
 * @param sessionFetchDelays the waits between attempts to read a finished call's session
 * from the Data API (the last repeats)
 * @param sessionFetchGiveUpAfter how long after the call's end the attempts stop
 * (reconciliation covers the call then)
 */
@ConfigurationProperties("callbridge.uis")
@Validated
record UisProperties(@Nullable Map<String, String> hosts, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("20s") @NotNull Duration readTimeout, @DefaultValue("false") boolean accountBaseUrlAllowed,
		@DefaultValue("20m") @NotNull Duration reconcileEvery, @DefaultValue("5m") @NotNull Duration sessionRenewBefore,
		@DefaultValue( {
				"10s", "30s", "1m", "2m", "4m", "8m", "15m", "30m" }) @NotNull List<Duration> sessionFetchDelays,
		@DefaultValue("2h") @NotNull Duration sessionFetchGiveUpAfter){

	/** The platform's brands and their domains. */
	static final Map<String, String> DEFAULT_HOSTS = Map.of("uis", "uiscom.ru", "comagic", "comagic.ru", "callgear",
			"callgear.com");

	UisProperties {
		ProviderTimeouts.check("callbridge.uis", connectTimeout, readTimeout);
		Map<String, String> all = new LinkedHashMap<>(DEFAULT_HOSTS);
		if (hosts != null) {
			all.putAll(hosts);
		}
		all.forEach((brand, host) -> {
			if (!host.matches("[A-Za-z0-9.-]+(:\\d+)?")) {
				throw new IllegalArgumentException(
						"callbridge.uis.hosts." + brand + " must be a host name such as uiscom.ru, not '" + host + "'");
			}
		});
		hosts = Map.copyOf(all);
		if (sessionFetchDelays == null || sessionFetchDelays.isEmpty()
				|| sessionFetchDelays.stream().anyMatch((delay) -> !delay.isPositive())) {
			throw new IllegalArgumentException("callbridge.uis.session-fetch-delays must be positive durations");
		}
		sessionFetchDelays = List.copyOf(sessionFetchDelays);
	}

	/** Where a brand's APIs and recordings are. */
	Hosts hostsOf(String brand) {
		String domain = hosts().getOrDefault(brand, DEFAULT_HOSTS.get("uis"));
		return new Hosts(URI.create("https://callapi." + domain + "/v4.0"),
				URI.create("https://dataapi." + domain + "/v2.0"), URI.create("https://app." + domain));
	}

	@Override
	public Map<String, String> hosts() {
		return (this.hosts != null) ? this.hosts : DEFAULT_HOSTS;
	}

	ProviderTimeouts timeouts() {
		return new ProviderTimeouts(this.connectTimeout, this.readTimeout);
	}

	/**
	 * One brand's addresses.
	 *
	 * @param callApi the Call API endpoint
	 * @param dataApi the Data API endpoint
	 * @param media where recordings are played from
	 */
	record Hosts(URI callApi, URI dataApi, URI media) {
	}

}
