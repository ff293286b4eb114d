package io.callbridge.telephony;

import java.util.List;
import java.util.function.Function;

/**
 * A provider's settings as it declares them through the port: the fields the account form
 * edits and a save checks, and how the stored values become the provider's typed settings
 * record.
 *
 * @param <T> the provider's settings record
 * @param fields the provider's own settings, in form order
 * @param reader builds the record from the stored values
 */
public record SettingsSchema<T>(List<SettingField> fields, Function<StoredSettings, T> reader) {

	public SettingsSchema {
		fields = List.copyOf(fields);
	}

	/** The schema of a provider with no settings of its own. */
	public static SettingsSchema<None> none() {
		return new SettingsSchema<>(List.of(), (stored) -> new None());
	}

	/** The account's settings as this schema types them. */
	public T read(TelephonyAccount account) {
		return this.reader.apply(StoredSettings.of(account));
	}

	/** The settings of a provider that has none of its own. */
	public record None() {
	}

}
