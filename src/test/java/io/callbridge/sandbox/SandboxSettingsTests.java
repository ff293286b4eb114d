package io.callbridge.sandbox;

import java.util.List;
import java.util.Map;

import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a sandbox account's settings into {@link SandboxSettings}.
 */
class SandboxSettingsTests {

	@Test
	void anAccountWithoutSettingsHasExtensions100To119AndRoutes() {
		SandboxSettings settings = SandboxSettings.of(account(Map.of()));

		assertThat(settings.extensions()).hasSize(20).startsWith("100").endsWith("119");
		assertThat(settings.routeToResponsible()).isTrue();
	}

	@Test
	void readsTheListedExtensionsAndTheSwitch() {
		SandboxSettings settings = SandboxSettings
			.of(account(Map.of("extensions", "150, 100-102", "routeToResponsible", "false")));

		assertThat(settings).isEqualTo(new SandboxSettings(List.of("100", "101", "102", "150"), false));
	}

	@Test
	void aBackwardsRangeStoredBeforeTheCheckReadsAsTheDefaultExtensions() {
		StoredSettings stored = StoredSettings
			.of(account(Map.of("extensions", "119-100", "routeToResponsible", "maybe")));

		SandboxSettings settings = SandboxSettings.SCHEMA.reader().apply(stored);

		assertThat(settings.extensions()).hasSize(20).startsWith("100");
		assertThat(settings.routeToResponsible()).isTrue();
		assertThat(stored.problems()).extracting(StoredSettings.SettingProblem::key)
			.containsExactly("extensions", "routeToResponsible");
	}

	private static TelephonyAccount account(Map<String, String> settings) {
		return new TelephonyAccount(3, 1, "sandbox", "Sandbox", true, "token", settings, false);
	}

}
