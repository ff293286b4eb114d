package io.callbridge.crm;

import java.util.List;

/**
 * A connector as the forms show it.
 *
 * @param key its key
 * @param displayName the CRM's name
 * @param fields its own fields
 */
public record ConnectorInfo(String key, String displayName, List<CrmField> fields) {

	public ConnectorInfo {
		fields = List.copyOf(fields);
	}

}
