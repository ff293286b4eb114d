package io.callbridge.telephony;

import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.LongFunction;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an adapter reaches an account's provider and which zone the provider's local
 * times are in, from the account's {@code baseUrl} and {@code timeZone} settings. A
 * per-account base URL is honoured only when the adapter's configuration allows it:
 * otherwise a tenant admin could point the server at internal hosts.
 */
public final class AccountLocation {

	/** The account's API host, where the adapter's configuration allows one. */
	public static final SettingField BASE_URL = SettingField.of("baseUrl", SettingField.Kind.URL, "");

	/** The zone of the provider's local times, default the tenant's. */
	public static final SettingField TIME_ZONE = SettingField.of("timeZone", SettingField.Kind.TIME_ZONE, "");

	private static final Logger log = LoggerFactory.getLogger(AccountLocation.class);

	private AccountLocation() {
	}

	/**
	 * The API host for the account; the configured default when the account's is unusable
	 * (stored before settings were checked; see {@link StoredSettings}).
	 */
	public static URI baseUrl(TelephonyAccount account, URI configuredDefault, boolean accountUrlAllowed) {
		Optional<URI> configured = StoredSettings.of(account).url(BASE_URL);
		if (configured.isEmpty()) {
			return configuredDefault;
		}
		if (!accountUrlAllowed) {
			log.debug("Ignoring the baseUrl setting of telephony account {}: account base URLs are not allowed",
					account.id());
			return configuredDefault;
		}
		return configured.get();
	}

	/**
	 * The zone of the provider's local times: the account's {@code timeZone}, else the
	 * tenant's (also when the account's is unusable).
	 * @param example a zone to name in messages (kept for the adapters' calls)
	 */
	public static ZoneId zone(TelephonyAccount account, LongFunction<ZoneId> tenantZone, String example) {
		return StoredSettings.of(account).zone(TIME_ZONE).orElseGet(() -> tenantZone.apply(account.tenantId()));
	}

}
