package io.callbridge.contacts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a contact of a contact database holds there (OMniLeads' {@code obtener_datos()}).
 *
 * @param databaseId the contact's database
 * @param externalId its external ID in that database; {@code null} when empty or the
 * database has no external-ID column
 * @param values every column of the database in its order, including phones (E.164, as
 * imported) and the external ID; an empty cell is {@code ""}
 */
public record DatabaseEntry(long databaseId, @Nullable String externalId, Map<String, String> values) {

	public DatabaseEntry {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

}
