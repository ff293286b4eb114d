package io.callbridge.callmyway;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.telephony.AccountLocation;
import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.SettingsSchema;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;

/**
 * The settings of a CallMyWay account, typed: whom Click2Dial rings first, the zone of
 * CallMyWay's local times, the further EPs agents may call from, the number the
 * homologation may really call, and the account's API host.
 *
 * @param callsContactFirst whether the destination is rung before the agent's EP
 * @param timeZone the zone of CallMyWay's times, if set (default the tenant's)
 * @param callerIdentities further EPs to call from (e.g. a private EP), in order
 * @param homologationNumber the number the homologation's test call dials, if set
 * @param baseUrl the account's API host, if set (honoured only where configured)
 */
public record CallMyWaySettings(boolean callsContactFirst, Optional<ZoneId> timeZone, List<String> callerIdentities,
		Optional<String> homologationNumber, Optional<URI> baseUrl) {

	/** Whom Click2Dial rings first: {@code agent} (default) or {@code contact}. */
	public static final SettingField CALL_FIRST = SettingField.choice("callFirst", "agent", "agent", "contact");

	/** A number the homologation may really call. */
	public static final SettingField HOMOLOGATION_NUMBER = SettingField.of("homologationNumber",
			SettingField.Kind.PHONE, "");

	public CallMyWaySettings {
		callerIdentities = List.copyOf(callerIdentities);
	}

	/**
	 * How a CallMyWay account's settings are declared and read.
	 * @param baseUrlAllowed whether accounts may choose their API host (only then does
	 * the form offer it)
	 */
	public static SettingsSchema<CallMyWaySettings> schema(boolean baseUrlAllowed) {
		List<SettingField> fields = new ArrayList<>(
				List.of(CALL_FIRST, AccountLocation.TIME_ZONE, CommonSettings.CALLER_IDENTITIES, HOMOLOGATION_NUMBER));
		if (baseUrlAllowed) {
			fields.add(AccountLocation.BASE_URL);
		}
		return new SettingsSchema<>(fields, CallMyWaySettings::read);
	}

	/** The account's settings. */
	public static CallMyWaySettings of(TelephonyAccount account) {
		return read(StoredSettings.of(account));
	}

	private static CallMyWaySettings read(StoredSettings stored) {
		String number = stored.text(HOMOLOGATION_NUMBER);
		return new CallMyWaySettings("contact".equals(stored.text(CALL_FIRST)), stored.zone(AccountLocation.TIME_ZONE),
				stored.list(CommonSettings.CALLER_IDENTITIES),
				number.isEmpty() ? Optional.empty() : Optional.of(number), stored.url(AccountLocation.BASE_URL));
	}

}
