package io.callbridge.crm;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A connection's decrypted credentials (the connector's secret {@link CrmField}s); only
 * ever handed to its connector. {@link #toString()} shows the names, never the values.
 *
 * @param values the credentials by field name
 */
public record CrmSecrets(Map<String, String> values) {

	public CrmSecrets {
		values = Map.copyOf(values);
	}

	/** The value of a credential, {@code null} when not set. */
	public @Nullable String get(String name) {
		return this.values.get(name);
	}

	@Override
	public String toString() {
		return "CrmSecrets" + this.values.keySet();
	}

}
