package io.callbridge.telephony;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading the provider-neutral settings into {@link CommonSettings}: defaults, the one
 * rule for switches, and stored values that are unusable degrading to their defaults with
 * the problem kept for the admin.
 */
class CommonSettingsTests {

	@Test
	void anAccountWithoutSettingsReadsTheDefaults() {
		CommonSettings settings = CommonSettings.of(account(Map.of()));

		assertThat(settings).isEqualTo(new CommonSettings(false, false, true, List.of(), Optional.empty()));
	}

	@Test
	void readsTypedValuesWithOneRuleForSwitchesInAnyCase() {
		CommonSettings settings = CommonSettings.of(account(Map.of("createLeads", "TRUE", "missedCallTasks", "true",
				"reconcile", "False", "callerIdentities", " 8000001, 8000002,8000001 ", "defaultResponsibleId", "42")));

		assertThat(settings)
			.isEqualTo(new CommonSettings(true, true, false, List.of("8000001", "8000002"), Optional.of(42L)));
	}

	@Test
	void anUnusableStoredValueReadsAsTheDefaultAndIsReported() {
		StoredSettings stored = StoredSettings.of(account(Map.of("reconcile", "yes please", "missedCallTasks", "maybe",
				"callerIdentities", "8000001; 8000002", "defaultResponsibleId", "x")));

		CommonSettings settings = CommonSettings.SCHEMA.reader().apply(stored);

		assertThat(settings).isEqualTo(new CommonSettings(false, false, true, List.of(), Optional.empty()));
		assertThat(stored.problems()).extracting(StoredSettings.SettingProblem::key)
			.containsExactly("missedCallTasks", "reconcile", "callerIdentities", "defaultResponsibleId");
		assertThat(stored.problems().get(1).text().english())
			.isEqualTo("Setting 'reconcile' must be true or false, not 'yes please'."
					+ " Until it is corrected, the setting's default applies.");
	}

	@Test
	void aSettingReadByTwoRecordsIsOneProblem() {
		StoredSettings stored = StoredSettings.of(account(Map.of("callerIdentities", "8000001; 8000002")));

		stored.list(CommonSettings.CALLER_IDENTITIES);
		stored.list(CommonSettings.CALLER_IDENTITIES);

		assertThat(stored.problems()).hasSize(1);
	}

	@Test
	void anUnusableZoneOrUrlFallsBackToTheTenantsZoneAndTheConfiguredHost() {
		TelephonyAccount account = account(Map.of("timeZone", "Europe/Madird", "baseUrl", "ftp://x"));

		assertThat(AccountLocation.zone(account, (tenant) -> ZoneId.of("UTC"), "Europe/Madrid"))
			.isEqualTo(ZoneId.of("UTC"));
		assertThat(AccountLocation.baseUrl(account, java.net.URI.create("https://api.example.com"), true))
			.hasToString("https://api.example.com");
	}

	@Test
	void theProblemsShownForAnAccountAreThoseOfItsProvidersFields() {
		TelephonyProvider noHistory = new TelephonyProvider() {

			@Override
			public String key() {
				return "plain";
			}

			@Override
			public List<String> credentialFields() {
				return List.of();
			}

			@Override
			public OriginateResult originate(TelephonyAccount account, Credentials credentials,
					OriginateRequest request) {
				throw new UnsupportedOperationException();
			}

			@Override
			public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
				return List.of();
			}

		};

		List<StoredSettings.SettingProblem> problems = AccountSettings.unusableOf(noHistory,
				account(Map.of("reconcile", "maybe", "createLeads", "maybe")));

		assertThat(problems).extracting(StoredSettings.SettingProblem::key).containsExactly("createLeads");
	}

	static TelephonyAccount account(Map<String, String> settings) {
		return new TelephonyAccount(7, 1, "any", "Any", true, "token", new LinkedHashMap<>(settings), true);
	}

}
