package io.callbridge.crm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the connections' maps (settings, credentials) and lists (unknown codes and user
 * ids) are kept in their columns: as JSON, since their values come from admins and CRMs
 * and may hold any character a separator could be.
 */
final class CrmJson {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
	};

	private static final TypeReference<List<String>> LIST = new TypeReference<>() {
	};

	private CrmJson() {
	}

	static String map(Map<String, String> values) {
		return JSON.writeValueAsString(new LinkedHashMap<>(values));
	}

	static Map<String, String> map(String stored) {
		return JSON.readValue(stored, MAP);
	}

	static List<String> list(String stored) {
		return JSON.readValue(stored, LIST);
	}

	/**
	 * The list as JSON, keeping as many values (from the first) as fit the column: an
	 * answer listing thousands of unknown codes must not make the row unwritable.
	 */
	static String list(List<String> values, int width) {
		List<String> kept = new ArrayList<>(values);
		String json = JSON.writeValueAsString(kept);
		while (json.length() > width && !kept.isEmpty()) {
			kept.remove(kept.size() - 1);
			json = JSON.writeValueAsString(kept);
		}
		return json;
	}

}
