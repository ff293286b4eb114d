package io.callbridge.uis;

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
 * The settings of a UIS account, typed: which brand of the platform it is on (and so the
 * API hosts), the default virtual number outgoing calls show, the zone of UIS's local
 * times, what interactive call processing may do, the notifications' source-address
 * allow-list, and the account's own API addresses where the server allows them.
 *
 * @param brand {@code uis}, {@code comagic} or {@code callgear}: the hosts
 * {@code callapi.<host>/v4.0} and {@code dataapi.<host>/v2.0}
 * @param callApiUrl the account's own Call API address, if set (honoured only where
 * configured)
 * @param dataApiUrl the account's own Data API address, if set (honoured only where
 * configured)
 * @param virtualNumber the default virtual number for click-to-call, digits without
 * {@code +}, if set
 * @param timeZone the zone of UIS's notification times and Data API dates
 * @param callerName whether interactive call processing names a known caller
 * @param routeToResponsible whether a known caller is routed to their responsible agent
 * @param blacklist whether interactive call processing refuses blacklisted callers
 * @param allowedIps the addresses notifications are accepted from (empty: any)
 */
public record UisSettings(String brand, Optional<URI> callApiUrl, Optional<URI> dataApiUrl,
		Optional<String> virtualNumber, ZoneId timeZone, boolean callerName, boolean routeToResponsible,
		boolean blacklist, AddressRanges allowedIps) {

	/**
	 * UIS's own zone: its cabinet, notifications and reports use Moscow time by default.
	 */
	public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

	/** The platform's brands; each has its own API hosts. */
	public static final SettingField BRAND = SettingField.choice("brand", "uis", "uis", "comagic", "callgear");

	/** The account's Call API address, where the configuration lets accounts choose. */
	public static final SettingField CALL_API_URL = SettingField.of("callApiUrl", SettingField.Kind.URL, "");

	/** The account's Data API address, where the configuration lets accounts choose. */
	public static final SettingField DATA_API_URL = SettingField.of("dataApiUrl", SettingField.Kind.URL, "");

	/** The virtual number shown to the contact of a click-to-call; none by default. */
	public static final SettingField VIRTUAL_NUMBER = SettingField.of("virtualNumber", SettingField.Kind.PHONE, "");

	/** On by default. */
	public static final SettingField CALLER_NAME = SettingField.onOff("callerName", true);

	/** On by default. */
	public static final SettingField ROUTE_TO_RESPONSIBLE = SettingField.onOff(AccountSettings.ROUTE_TO_RESPONSIBLE,
			true);

	/** On by default. */
	public static final SettingField BLACKLIST = SettingField.onOff("blacklist", true);

	/** Empty (any sender) by default. */
	public static final SettingField ALLOWED_IPS = SettingField.of(AccountSettings.ALLOWED_IPS,
			SettingField.Kind.ADDRESSES, "");

	/**
	 * How a UIS account's settings are declared and read.
	 * @param accountUrlsAllowed whether accounts may choose their API addresses (only
	 * then does the form offer them)
	 */
	public static SettingsSchema<UisSettings> schema(boolean accountUrlsAllowed) {
		List<SettingField> fields = new ArrayList<>(List.of(BRAND, VIRTUAL_NUMBER, AccountLocation.TIME_ZONE,
				CALLER_NAME, ROUTE_TO_RESPONSIBLE, BLACKLIST, ALLOWED_IPS));
		if (accountUrlsAllowed) {
			fields.add(CALL_API_URL);
			fields.add(DATA_API_URL);
		}
		return new SettingsSchema<>(fields, UisSettings::read);
	}

	/** The account's settings. */
	public static UisSettings of(TelephonyAccount account) {
		return read(StoredSettings.of(account));
	}

	private static UisSettings read(StoredSettings stored) {
		String virtualNumber = stored.text(VIRTUAL_NUMBER).replaceAll("\\D", "");
		return new UisSettings(stored.text(BRAND), stored.url(CALL_API_URL), stored.url(DATA_API_URL),
				virtualNumber.isEmpty() ? Optional.empty() : Optional.of(virtualNumber),
				stored.zone(AccountLocation.TIME_ZONE).orElse(DEFAULT_ZONE), stored.on(CALLER_NAME),
				stored.on(ROUTE_TO_RESPONSIBLE), stored.on(BLACKLIST), stored.addresses(ALLOWED_IPS));
	}

}
