package io.callbridge.telephony;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The decrypted credentials of a telephony account. Its {@code toString} never shows the
 * values, so they cannot leak into logs.
 *
 * @param values credential field to value
 */
public record Credentials(Map<String, String> values) {

	public Credentials {
		values = Map.copyOf(values);
	}

	public static Credentials none() {
		return new Credentials(Map.of());
	}

	public @Nullable String get(String field) {
		return this.values.get(field);
	}

	@Override
	public String toString() {
		return "Credentials" + this.values.keySet() + "(values hidden)";
	}

}
