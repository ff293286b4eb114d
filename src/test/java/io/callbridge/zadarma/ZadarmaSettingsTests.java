package io.callbridge.zadarma;

import java.net.URI;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

import io.callbridge.telephony.SettingField;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a Zadarma account's settings into {@link ZadarmaSettings}: one rule for the
 * switches (before, a webhook took anything but "false" as on), Zadarma's limits on the
 * return timeout, and an allow-list with a typo that stays closed.
 */
class ZadarmaSettingsTests {

	@Test
	void anAccountWithoutSettingsReadsTheDefaults() {
		ZadarmaSettings settings = ZadarmaSettings.of(account(Map.of()));

		assertThat(settings.callerName()).isTrue();
		assertThat(settings.routeToResponsible()).isTrue();
		assertThat(settings.returnTimeout()).isEqualTo(20);
		assertThat(settings.blacklist()).isTrue();
		assertThat(settings.hangUpBlacklisted()).isFalse();
		assertThat(settings.timeZone()).isEmpty();
		assertThat(settings.allowedIps().acceptsAny()).isTrue();
		assertThat(settings.baseUrl()).isEmpty();
	}

	@Test
	void readsEveryTypedValue() {
		ZadarmaSettings settings = ZadarmaSettings.of(account(Map.of("callerName", "False", "routeToResponsible",
				"false", "returnTimeout", "1", "blacklist", "false", "blacklistAction", "hangup", "timeZone",
				"Europe/Madrid", "allowedIps", "185.45.152.40/30", "baseUrl", "http://127.0.0.1:9/zadarma")));

		assertThat(settings.callerName()).isFalse();
		assertThat(settings.routeToResponsible()).isFalse();
		assertThat(settings.returnTimeout()).as("Zadarma takes 0 or at least 3").isEqualTo(3);
		assertThat(settings.blacklist()).isFalse();
		assertThat(settings.hangUpBlacklisted()).isTrue();
		assertThat(settings.timeZone()).contains(ZoneId.of("Europe/Madrid"));
		assertThat(settings.allowedIps().allows("185.45.152.42")).isTrue();
		assertThat(settings.allowedIps().allows("185.45.152.44")).isFalse();
		assertThat(settings.baseUrl()).isEqualTo(Optional.of(URI.create("http://127.0.0.1:9/zadarma")));
	}

	@Test
	void aSwitchIsOffOnlyWhenFalseAndAnythingElseUnusableReadsAsTheDefault() {
		StoredSettings stored = StoredSettings.of(account(Map.of("callerName", "no", "blacklist", "off")));

		ZadarmaSettings settings = ZadarmaSettings.schema(false).reader().apply(stored);

		assertThat(settings.callerName()).isTrue();
		assertThat(settings.blacklist()).isTrue();
		assertThat(stored.problems()).extracting(StoredSettings.SettingProblem::key)
			.containsExactly("callerName", "blacklist");
	}

	@Test
	void anAllowListStoredWithATypoStaysClosedAndIsReported() {
		StoredSettings stored = StoredSettings.of(account(Map.of("allowedIps", "185.45.152.40/3O, 10.0.0.1")));

		ZadarmaSettings settings = ZadarmaSettings.schema(false).reader().apply(stored);

		assertThat(settings.allowedIps().allows("185.45.152.40")).isFalse();
		assertThat(settings.allowedIps().allows("10.0.0.1")).isTrue();
		assertThat(stored.problems()).extracting(StoredSettings.SettingProblem::key).containsExactly("allowedIps");
	}

	@Test
	void theFormOffersTheBaseUrlOnlyWhereAccountsMayChooseTheirHost() {
		assertThat(ZadarmaSettings.schema(false).fields()).extracting(SettingField::key)
			.containsExactly("callerName", "routeToResponsible", "returnTimeout", "blacklist", "blacklistAction",
					"timeZone", "allowedIps");
		assertThat(ZadarmaSettings.schema(true).fields()).extracting(SettingField::key).endsWith("baseUrl");
	}

	private static TelephonyAccount account(Map<String, String> settings) {
		return new TelephonyAccount(5, 1, "zadarma", "Zadarma", true, "token", settings, true);
	}

}
