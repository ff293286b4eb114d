package io.callbridge.telephony;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.function.LongFunction;

import io.callbridge.shared.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an adapter reaches an account's provider and which zone the provider's local
 * times are in, from the account's {@code baseUrl} and {@code timeZone} settings. A
 * per-account base URL is honoured only when the adapter's configuration allows it:
 * otherwise a tenant admin could point the server at internal hosts.
 */
public final class AccountLocation {

	private static final Logger log = LoggerFactory.getLogger(AccountLocation.class);

	private AccountLocation() {
	}

	/**
	 * The API host for the account.
	 * @throws IllegalArgumentException with a readable message when the setting is not an
	 * http(s) URL
	 */
	public static URI baseUrl(TelephonyAccount account, URI configuredDefault, boolean accountUrlAllowed) {
		String configured = account.settings().get("baseUrl");
		if (configured == null || configured.isBlank()) {
			return configuredDefault;
		}
		if (!accountUrlAllowed) {
			log.debug("Ignoring the baseUrl setting of telephony account {}: account base URLs are not allowed",
					account.id());
			return configuredDefault;
		}
		try {
			URI uri = URI.create(configured.strip());
			if ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) {
				return uri;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below like any other unusable value
		}
		throw new UnusableSetting(Text.of("accountLocation.baseUrl", configured));
	}

	/**
	 * The zone of the provider's local times: the account's {@code timeZone}, else the
	 * tenant's.
	 * @param example a zone to name in the error message
	 * @throws IllegalArgumentException with a readable message for an unknown zone
	 */
	public static ZoneId zone(TelephonyAccount account, LongFunction<ZoneId> tenantZone, String example) {
		String configured = account.settings().get("timeZone");
		if (configured == null || configured.isBlank()) {
			return tenantZone.apply(account.tenantId());
		}
		try {
			return ZoneId.of(configured.strip());
		}
		catch (DateTimeException ex) {
			throw new UnusableSetting(Text.of("accountLocation.timeZone", configured, example));
		}
	}

	/**
	 * An account setting that cannot be used, with a message naming it and its value.
	 */
	public static final class UnusableSetting extends IllegalArgumentException implements TelephonyFailure {

		private static final long serialVersionUID = 1L;

		private final transient Text text;

		UnusableSetting(Text text) {
			super(text.english());
			this.text = text;
		}

		@Override
		public Text text() {
			return this.text;
		}

	}

}
