package io.callbridge.uis.inbound;

import java.time.ZoneId;
import java.util.function.LongFunction;

import io.callbridge.telephony.AccountLocation;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.AddressRanges;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;

/**
 * The settings of a UIS account the inbound side acts on, read through
 * {@link StoredSettings} under the keys the account's settings declare: what an answer to
 * interactive call processing may do, the webhook's source-address allow-list, and the
 * zone of UIS's local times.
 *
 * @param callerName whether a known caller's name is whispered to the employee a routed
 * call goes to
 * @param routeToResponsible whether a known caller is forwarded to their responsible
 * agent's phones
 * @param blacklist whether blacklisted callers are refused
 * @param allowedIps the addresses notifications are accepted from
 */
record UisInboundSettings(boolean callerName, boolean routeToResponsible, boolean blacklist, AddressRanges allowedIps) {

	static final SettingField CALLER_NAME = SettingField.onOff("callerName", true);

	static final SettingField ROUTE_TO_RESPONSIBLE = SettingField.onOff(AccountSettings.ROUTE_TO_RESPONSIBLE, true);

	static final SettingField BLACKLIST = SettingField.onOff("blacklist", true);

	static final SettingField ALLOWED_IPS = SettingField.of(AccountSettings.ALLOWED_IPS, SettingField.Kind.ADDRESSES,
			"");

	/** UIS's own default zone, named in messages about times. */
	static final String DEFAULT_ZONE = "Europe/Moscow";

	static UisInboundSettings of(TelephonyAccount account) {
		StoredSettings stored = StoredSettings.of(account);
		return new UisInboundSettings(stored.on(CALLER_NAME), stored.on(ROUTE_TO_RESPONSIBLE), stored.on(BLACKLIST),
				stored.addresses(ALLOWED_IPS));
	}

	/** The zone UIS writes the account's local times in. */
	static ZoneId zone(TelephonyAccount account, LongFunction<ZoneId> tenantZone) {
		return AccountLocation.zone(account, tenantZone, DEFAULT_ZONE);
	}

}
