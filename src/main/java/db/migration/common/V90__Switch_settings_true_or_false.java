package db.migration.common;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Switch settings of telephony accounts get the one spelling every reader now accepts:
 * {@code true} or {@code false}. Before, one reader took anything but {@code false} as on
 * and another only {@code true}, so values such as {@code yes}, {@code 1} or {@code OFF}
 * were stored; they become what the admin meant. Any other value is left as it is: it is
 * read as the switch's default and shown to the admin on the account form. In Java
 * because settings are stored as a JSON object in one text column, which SQL cannot
 * rewrite the same way on H2 and PostgreSQL.
 */
public class V90__Switch_settings_true_or_false extends BaseJavaMigration {

	// The switches as they are on this version; later switches are saved checked.
	private static final Set<String> SWITCHES = Set.of("createLeads", "missedCallTasks", "reconcile",
			"routeToResponsible", "callerName", "blacklist");

	private static final Set<String> ON = Set.of("true", "yes", "y", "on", "1");

	private static final Set<String> OFF = Set.of("false", "no", "n", "off", "0");

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	@Override
	public void migrate(Context context) throws SQLException {
		Connection connection = context.getConnection();
		Map<Long, String> changed = new LinkedHashMap<>();
		try (Statement select = connection.createStatement();
				ResultSet rows = select.executeQuery("SELECT id, settings FROM telephony_accounts")) {
			while (rows.next()) {
				String settings = rows.getString("settings");
				String normalized = normalized(settings);
				if (!normalized.equals(settings)) {
					changed.put(rows.getLong("id"), normalized);
				}
			}
		}
		try (PreparedStatement update = connection
			.prepareStatement("UPDATE telephony_accounts SET settings = ? WHERE id = ?")) {
			for (Map.Entry<Long, String> row : changed.entrySet()) {
				update.setString(1, row.getValue());
				update.setLong(2, row.getKey());
				update.executeUpdate();
			}
		}
	}

	/** The settings object with its switches spelled {@code true}/{@code false}. */
	static String normalized(String json) {
		LinkedHashMap<String, String> settings = JsonMapper.shared().readValue(json, MAP);
		boolean changed = false;
		for (Map.Entry<String, String> setting : settings.entrySet()) {
			String value = setting.getValue();
			if (!SWITCHES.contains(setting.getKey()) || value == null) {
				continue;
			}
			String spelled = spelling(value);
			if (!spelled.equals(value)) {
				setting.setValue(spelled);
				changed = true;
			}
		}
		return changed ? JsonMapper.shared().writeValueAsString(settings) : json;
	}

	private static String spelling(String value) {
		String word = value.strip().toLowerCase(Locale.ROOT);
		if (ON.contains(word)) {
			return "true";
		}
		return OFF.contains(word) ? "false" : value;
	}

}
