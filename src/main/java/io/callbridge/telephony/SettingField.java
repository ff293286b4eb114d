package io.callbridge.telephony;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * A setting a telephony account may have: how the UI edits it (a switch, a number, a
 * choice, a line of text) and which values it accepts, checked whenever an account is
 * saved. Its label and help text are the messages {@code setting.<key>} and
 * {@code setting.<key>.help}.
 *
 * @param key the settings key
 * @param kind what values it takes, and so how it is edited and checked
 * @param defaultValue the value that applies when the setting is absent
 * @param choices the allowed values of a {@link Kind#CHOICE}
 * @param inForm whether the account form edits it; {@code false} for a setting another
 * page manages (the default responsible agent, on the Extensions page)
 */
public record SettingField(String key, Kind kind, String defaultValue, List<String> choices, boolean inForm) {

	/** The longest value any setting may have. */
	public static final int MAX_LENGTH = 500;

	private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,6}");

	private static final Pattern ID = Pattern.compile("\\d{1,18}");

	private static final Pattern PHONE = Pattern.compile("\\+?\\d{3,20}");

	public SettingField {
		Objects.requireNonNull(key, "key");
		Objects.requireNonNull(kind, "kind");
		choices = List.copyOf(choices);
	}

	/** A switch, on ("true") or off ("false"). */
	public static SettingField onOff(String key, boolean defaultOn) {
		return new SettingField(key, Kind.SWITCH, String.valueOf(defaultOn), List.of(), true);
	}

	/** A free line of text. */
	public static SettingField text(String key, String defaultValue) {
		return of(key, Kind.TEXT, defaultValue);
	}

	/** A whole number from 0 to 999999. */
	public static SettingField number(String key, int defaultValue) {
		return of(key, Kind.NUMBER, String.valueOf(defaultValue));
	}

	/** One of a few values. */
	public static SettingField choice(String key, String defaultValue, String... choices) {
		return new SettingField(key, Kind.CHOICE, defaultValue, List.of(choices), true);
	}

	/** A setting of the given kind, edited in the account form. */
	public static SettingField of(String key, Kind kind, String defaultValue) {
		return new SettingField(key, kind, defaultValue, List.of(), true);
	}

	/** This setting, managed by another page than the account form. */
	public SettingField managedElsewhere() {
		return new SettingField(this.key, this.kind, this.defaultValue, this.choices, false);
	}

	/**
	 * What is wrong with a value given for this setting.
	 * @param value the value, not blank
	 * @return the problem, naming the setting and the value, or {@code null} when the
	 * value is acceptable
	 */
	public @Nullable Text problem(String value) {
		String v = value.strip();
		if (value.length() > MAX_LENGTH) {
			return Text.of("settings.tooLong", this.key, MAX_LENGTH);
		}
		if (value.chars().anyMatch(Character::isISOControl)) {
			return Text.of("settings.controlCharacters", this.key);
		}
		return switch (this.kind) {
			case SWITCH -> (switchValue(v) != null) ? null : Text.of("settings.notSwitch", this.key, value);
			case NUMBER -> WHOLE_NUMBER.matcher(v).matches() ? null : Text.of("settings.notNumber", this.key, value);
			case ID -> ID.matcher(v).matches() ? null : Text.of("settings.notId", this.key, value);
			case CHOICE -> this.choices.contains(v) ? null
					: Text.of("settings.notChoice", this.key, value, String.join(", ", this.choices));
			case TIME_ZONE -> isZone(v) ? null : Text.of("settings.notTimeZone", this.key, value);
			case URL -> isHttpUrl(v) ? null : Text.of("settings.notUrl", this.key, value);
			case ADDRESSES -> addressesProblem(v);
			case EXTENSIONS -> extensionsProblem(v);
			case ENDPOINTS -> endpointsProblem(v);
			case PHONE -> PHONE.matcher(v.replaceAll("[\\s().-]", "")).matches() ? null
					: Text.of("settings.notPhone", this.key, value);
			case TEXT -> null;
		};
	}

	/**
	 * The one rule for switches, when saved and when read: {@code true} or {@code false},
	 * in any case.
	 * @return the switch's state, or {@code null} when {@code value} is neither
	 */
	public static @Nullable Boolean switchValue(String value) {
		String v = value.strip();
		if ("true".equalsIgnoreCase(v)) {
			return Boolean.TRUE;
		}
		return "false".equalsIgnoreCase(v) ? Boolean.FALSE : null;
	}

	private @Nullable Text addressesProblem(String value) {
		String unusable = AddressRanges.firstUnusable(value);
		return (unusable != null) ? Text.of("settings.notAddresses", this.key, unusable) : null;
	}

	private @Nullable Text extensionsProblem(String value) {
		Text reason = ExtensionRanges.problem(value);
		return (reason != null) ? Text.of("settings.notExtensions", this.key, value, reason) : null;
	}

	private @Nullable Text endpointsProblem(String value) {
		for (String entry : value.split(",", -1)) {
			if (!Extensions.valid(entry.strip())) {
				return Text.of("settings.notEndpoints", this.key, entry.strip());
			}
		}
		return null;
	}

	private static boolean isZone(String value) {
		try {
			ZoneId.of(value);
			return true;
		}
		catch (DateTimeException ex) {
			return false;
		}
	}

	private static boolean isHttpUrl(String value) {
		try {
			URI uri = new URI(value);
			return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
					&& uri.getHost() != null && !uri.getHost().isBlank();
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

	/** What values a setting takes, how it is edited and checked. */
	public enum Kind {

		/** On or off ({@code true}/{@code false}). */
		SWITCH,
		/** Any line of text. */
		TEXT,
		/** A whole number from 0 to 999999. */
		NUMBER,
		/** The id of a record (an agent's): a whole number of up to 18 digits. */
		ID,
		/** One of the field's choices. */
		CHOICE,
		/** An IANA time zone such as {@code Europe/Madrid}. */
		TIME_ZONE,
		/** An http(s) URL. */
		URL,
		/** Comma-separated IPv4 addresses or CIDR ranges. */
		ADDRESSES,
		/** Extensions and ranges of extensions, e.g. {@code 100-119, 150}. */
		EXTENSIONS,
		/** Comma-separated endpoints or extensions. */
		ENDPOINTS,
		/** A phone number: digits, optionally starting with {@code +}. */
		PHONE

	}

}
