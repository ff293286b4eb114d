package db.migration.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The V90 migration's rewrite of one account's settings: switches get the one spelling,
 * other settings and unreadable switches stay as they are.
 */
class SwitchSettingsMigrationTests {

	@Test
	void spellsSwitchesTrueOrFalseAndLeavesTheRest() {
		String stored = "{\"createLeads\":\"yes\",\"missedCallTasks\":\" 1 \",\"reconcile\":\"OFF\","
				+ "\"callerName\":\"No\",\"blacklist\":\"maybe\",\"routeToResponsible\":\"TRUE\","
				+ "\"returnTimeout\":\"1\",\"extensions\":\"100-119\"}";

		assertThat(V90__Switch_settings_true_or_false.normalized(stored))
			.isEqualTo("{\"createLeads\":\"true\",\"missedCallTasks\":\"true\",\"reconcile\":\"false\","
					+ "\"callerName\":\"false\",\"blacklist\":\"maybe\",\"routeToResponsible\":\"true\","
					+ "\"returnTimeout\":\"1\",\"extensions\":\"100-119\"}");
	}

	@Test
	void leavesSettingsWithoutSuchValuesUntouched() {
		String stored = "{\"reconcile\":\"false\",\"timeZone\":\"Europe/Madrid\"}";

		assertThat(V90__Switch_settings_true_or_false.normalized(stored)).isSameAs(stored);
	}

}
