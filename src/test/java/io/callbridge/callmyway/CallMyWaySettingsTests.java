package io.callbridge.callmyway;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.telephony.CommonSettings;
import io.callbridge.telephony.StoredSettings;
import io.callbridge.telephony.TelephonyAccount;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading a CallMyWay account's settings into {@link CallMyWaySettings}; the caller
 * identities are parsed by one rule, the same the core reads.
 */
class CallMyWaySettingsTests {

	@Test
	void anAccountWithoutSettingsCallsTheAgentFirst() {
		assertThat(CallMyWaySettings.of(account(Map.of())))
			.isEqualTo(new CallMyWaySettings(false, Optional.empty(), List.of(), Optional.empty(), Optional.empty()));
	}

	@Test
	void readsEveryTypedValue() {
		CallMyWaySettings settings = CallMyWaySettings.of(account(Map.of("callFirst", "contact", "timeZone",
				"America/Costa_Rica", "callerIdentities", "8000001, 8000002", "homologationNumber", "+50671022296")));

		assertThat(settings).isEqualTo(new CallMyWaySettings(true, Optional.of(ZoneId.of("America/Costa_Rica")),
				List.of("8000001", "8000002"), Optional.of("+50671022296"), Optional.empty()));
	}

	@Test
	void callerIdentitiesReadTheSameAsTheCoreReadsThem() {
		TelephonyAccount account = account(Map.of("callerIdentities", "8000001,8000002 , 8000001"));

		assertThat(CallMyWaySettings.of(account).callerIdentities())
			.isEqualTo(CommonSettings.of(account).callerIdentities())
			.containsExactly("8000001", "8000002");
	}

	@Test
	void anUnusableChoiceStoredBeforeTheCheckCallsTheAgentFirstAndIsReported() {
		StoredSettings stored = StoredSettings.of(account(Map.of("callFirst", "both", "callerIdentities", "a b")));

		CallMyWaySettings settings = CallMyWaySettings.schema(false).reader().apply(stored);

		assertThat(settings.callsContactFirst()).isFalse();
		assertThat(settings.callerIdentities()).isEmpty();
		assertThat(stored.problems()).extracting(StoredSettings.SettingProblem::key)
			.containsExactly("callFirst", "callerIdentities");
	}

	private static TelephonyAccount account(Map<String, String> settings) {
		return new TelephonyAccount(9, 1, "callmyway", "CallMyWay", true, "token", settings, true);
	}

}
