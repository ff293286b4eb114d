package io.callbridge.telephony;

import java.util.List;
import java.util.Objects;

/**
 * A setting of a telephony account that the UI shows as a typed input (a switch, a
 * number, a choice) instead of a raw {@code key=value} line. Its label and help text are
 * the messages {@code setting.<key>} and {@code setting.<key>.help}.
 *
 * @param key the settings key
 * @param kind how it is edited
 * @param defaultValue the value that applies when the setting is absent
 * @param choices the allowed values of a {@link Kind#CHOICE}
 */
public record SettingField(String key, Kind kind, String defaultValue, List<String> choices) {

	public SettingField {
		Objects.requireNonNull(key, "key");
		choices = List.copyOf(choices);
	}

	/** A switch, on ("true") or off ("false"). */
	public static SettingField onOff(String key, boolean defaultOn) {
		return new SettingField(key, Kind.SWITCH, String.valueOf(defaultOn), List.of());
	}

	/** A free text value. */
	public static SettingField text(String key, String defaultValue) {
		return new SettingField(key, Kind.TEXT, defaultValue, List.of());
	}

	/** A whole number. */
	public static SettingField number(String key, int defaultValue) {
		return new SettingField(key, Kind.NUMBER, String.valueOf(defaultValue), List.of());
	}

	/** One of a few values. */
	public static SettingField choice(String key, String defaultValue, String... choices) {
		return new SettingField(key, Kind.CHOICE, defaultValue, List.of(choices));
	}

	/** How a setting is edited. */
	public enum Kind {

		SWITCH, TEXT, NUMBER, CHOICE

	}

}
