package io.callbridge.zadarma;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.telephony.AccountLocation;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.AddressRanges;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;

/**
 * The settings of a Zadarma account, typed: what the answer to {@code NOTIFY_START} may
 * do (the guide's items 7, 8 and 10), the account's zone in Zadarma, the webhook's
 * source-address allow-list and the account's API host.
 *
 * @param callerName whether a known caller's name is sent to the agent's phone
 * @param routeToResponsible whether a known caller rings their responsible agent first
 * @param returnTimeout seconds before an unanswered routed call returns to the menu, as
 * Zadarma takes it: 0 (never) or at least 3
 * @param blacklist whether blacklisted callers are refused
 * @param hangUpBlacklisted whether a refused caller hears a hang-up rather than busy
 * @param timeZone the account's zone in Zadarma, if set (default the tenant's)
 * @param allowedIps the addresses webhooks are accepted from
 * @param baseUrl the account's API host, if set (honoured only where configured)
 */
public record ZadarmaSettings(boolean callerName, boolean routeToResponsible, int returnTimeout, boolean blacklist,
		boolean hangUpBlacklisted, Optional<ZoneId> timeZone, AddressRanges allowedIps, Optional<URI> baseUrl) {

	/** On by default. */
	public static final SettingField CALLER_NAME = SettingField.onOff("callerName", true);

	/** On by default. */
	public static final SettingField ROUTE_TO_RESPONSIBLE = SettingField.onOff(AccountSettings.ROUTE_TO_RESPONSIBLE,
			true);

	/** 20 seconds by default. */
	public static final SettingField RETURN_TIMEOUT = SettingField.number("returnTimeout", 20);

	/** On by default. */
	public static final SettingField BLACKLIST = SettingField.onOff("blacklist", true);

	/** {@code busy} (default) or {@code hangup}. */
	public static final SettingField BLACKLIST_ACTION = SettingField.choice("blacklistAction", "busy", "busy",
			"hangup");

	/** Empty (any sender) by default. */
	public static final SettingField ALLOWED_IPS = SettingField.of(AccountSettings.ALLOWED_IPS,
			SettingField.Kind.ADDRESSES, "");

	/**
	 * How a Zadarma account's settings are declared and read.
	 * @param baseUrlAllowed whether accounts may choose their API host (only then does
	 * the form offer it)
	 */
	public static SettingsSchema<ZadarmaSettings> schema(boolean baseUrlAllowed) {
		List<SettingField> fields = new ArrayList<>(List.of(CALLER_NAME, ROUTE_TO_RESPONSIBLE, RETURN_TIMEOUT,
				BLACKLIST, BLACKLIST_ACTION, AccountLocation.TIME_ZONE, ALLOWED_IPS));
		if (baseUrlAllowed) {
			fields.add(AccountLocation.BASE_URL);
		}
		return new SettingsSchema<>(fields, ZadarmaSettings::read);
	}

	/** The account's settings. */
	public static ZadarmaSettings of(TelephonyAccount account) {
		return read(StoredSettings.of(account));
	}

	private static ZadarmaSettings read(StoredSettings stored) {
		return new ZadarmaSettings(stored.on(CALLER_NAME), stored.on(ROUTE_TO_RESPONSIBLE),
				zadarmaTimeout(stored.number(RETURN_TIMEOUT)), stored.on(BLACKLIST),
				"hangup".equals(stored.text(BLACKLIST_ACTION)), stored.zone(AccountLocation.TIME_ZONE),
				stored.addresses(ALLOWED_IPS), stored.url(AccountLocation.BASE_URL));
	}

	// Zadarma takes 0 (never return to the menu) or at least 3 seconds.
	private static int zadarmaTimeout(int seconds) {
		return (seconds == 0 || seconds >= 3) ? seconds : 3;
	}

}
