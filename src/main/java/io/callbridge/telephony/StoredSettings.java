package io.callbridge.telephony;

import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one reader of an account's stored settings: each value is checked by the same rule
 * as when it is saved ({@link SettingField#problem}) and turned into its type. A value
 * that is unusable (stored before a rule existed) degrades: it is logged once, its
 * field's default applies, and it is listed in {@link #problems()} for the admin to see.
 * Settings records ({@code SandboxSettings}, {@code ZadarmaSettings}…) are built from it
 * by their {@link SettingsSchema}; nothing else reads the stored map.
 */
public final class StoredSettings {

	private static final Logger log = LoggerFactory.getLogger(StoredSettings.class);

	// Logged once per account, setting and value: the webhook reads settings on every
	// notification.
	private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

	private final long accountId;

	private final Map<String, String> values;

	private final List<SettingProblem> problems = new ArrayList<>();

	private StoredSettings(long accountId, Map<String, String> values) {
		this.accountId = accountId;
		this.values = values;
	}

	/** A reader of the account's settings. */
	public static StoredSettings of(TelephonyAccount account) {
		return new StoredSettings(account.id(), account.settings());
	}

	/** A switch's state. */
	public boolean on(SettingField field) {
		Boolean on = SettingField.switchValue(usable(field));
		return (on != null) ? on : false;
	}

	/** A whole number. */
	public int number(SettingField field) {
		return Integer.parseInt(usable(field));
	}

	/** A choice, text or phone number as written; empty when not set. */
	public String text(SettingField field) {
		return usable(field);
	}

	/** A time zone, if one is set. */
	public Optional<ZoneId> zone(SettingField field) {
		String value = usable(field);
		return value.isEmpty() ? Optional.empty() : Optional.of(ZoneId.of(value));
	}

	/** An http(s) URL, if one is set. */
	public Optional<URI> url(SettingField field) {
		String value = usable(field);
		return value.isEmpty() ? Optional.empty() : Optional.of(URI.create(value));
	}

	/** An id (an agent's), if one is set. */
	public Optional<Long> id(SettingField field) {
		String value = usable(field);
		return value.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(value));
	}

	/** Extensions and ranges of extensions, listed one by one in ascending order. */
	public List<String> extensions(SettingField field) {
		String value = usable(field);
		return value.isEmpty() ? List.of() : ExtensionRanges.parse(value);
	}

	/** Comma-separated entries (endpoints), in the order given, without repeats. */
	public List<String> list(SettingField field) {
		return Arrays.stream(usable(field).split(","))
			.map(String::strip)
			.filter((entry) -> !entry.isEmpty())
			.distinct()
			.toList();
	}

	/**
	 * A source-address allow-list. One stored with an unusable entry stays restricted to
	 * its usable entries: a typo must not open the webhook to every sender.
	 */
	public AddressRanges addresses(SettingField field) {
		String stored = stored(field);
		if (problemOf(field, stored) != null) {
			return AddressRanges.usableEntriesOf(stored);
		}
		return AddressRanges.parse(stored);
	}

	/** The stored values that were unusable in what was read so far. */
	public List<SettingProblem> problems() {
		return List.copyOf(this.problems);
	}

	// The stored value if it is usable, else the field's default (noted as a problem).
	private String usable(SettingField field) {
		String stored = stored(field);
		return (problemOf(field, stored) != null) ? field.defaultValue().strip() : stored;
	}

	private String stored(SettingField field) {
		String value = this.values.get(field.key());
		return (value == null || value.isBlank()) ? field.defaultValue().strip() : value.strip();
	}

	private @Nullable Text problemOf(SettingField field, String value) {
		if (value.isEmpty()) {
			return null;
		}
		Text problem = field.problem(value);
		// A setting read by two records (callerIdentities) is one problem.
		if (problem != null && this.problems.stream().noneMatch((known) -> known.key().equals(field.key()))) {
			this.problems.add(new SettingProblem(field.key(), value, problem));
			if (LOGGED.add(this.accountId + "/" + field.key() + "/" + value)) {
				log.warn("Telephony account {} has an unusable stored setting, its default applies: {}", this.accountId,
						problem.english());
			}
		}
		return problem;
	}

	/**
	 * A stored value that cannot be used, and why.
	 *
	 * @param key the setting
	 * @param value the stored value
	 * @param problem what is wrong with it, naming the setting and the value
	 */
	public record SettingProblem(String key, String value, Text problem) {

		/** The message the admin reads: the problem, and that the default applies. */
		public Text text() {
			return Text.of("settings.storedUnusable", this.problem);
		}

	}

}
