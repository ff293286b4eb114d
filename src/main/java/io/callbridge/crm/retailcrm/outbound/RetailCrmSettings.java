package io.callbridge.crm.retailcrm.outbound;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * A connection's retailCRM settings, read in this one place and checked as a whole.
 *
 * @param site the store code events and uploads name ({@code site}), or none
 * @param zone the time zone of the uploads' dates, or none for the one the core gives
 * (the tenant's)
 * @param externalPhones the registration's external numbers per store
 */
record RetailCrmSettings(@Nullable String site, @Nullable ZoneId zone, List<ExternalPhone> externalPhones) {

	static final String SITE = "site";

	static final String TIME_ZONE = "timeZone";

	static final String EXTERNAL_PHONES = "externalPhones";

	// retailCRM's store codes: letters, digits, dashes, underscores and dots.
	private static final Pattern SITE_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,255}");

	private static final Pattern NUMBER = Pattern.compile("\\+?\\d{3,20}");

	// Spaces, dashes, dots and brackets people type in a number.
	private static final Pattern SEPARATORS = Pattern.compile("[\\s().-]");

	RetailCrmSettings {
		externalPhones = List.copyOf(externalPhones);
	}

	/**
	 * The settings of a connection.
	 * @throws RetailCrmConfigException naming the setting that is out of form
	 */
	static RetailCrmSettings of(Map<String, String> settings) {
		return new RetailCrmSettings(site(settings.get(SITE)), zone(settings.get(TIME_ZONE)),
				externalPhones(settings.get(EXTERNAL_PHONES)));
	}

	private static @Nullable String site(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String site = value.strip();
		if (!SITE_CODE.matcher(site).matches()) {
			throw new RetailCrmConfigException(SITE, Text.of("retailcrm.badSite", site));
		}
		return site;
	}

	private static @Nullable ZoneId zone(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return ZoneId.of(value.strip());
		}
		catch (DateTimeException ex) {
			throw new RetailCrmConfigException(TIME_ZONE, Text.of("retailcrm.badTimeZone", value.strip()));
		}
	}

	private static List<ExternalPhone> externalPhones(@Nullable String value) {
		List<ExternalPhone> phones = new ArrayList<>();
		if (value == null) {
			return phones;
		}
		String[] lines = value.split("\\R");
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			int equals = line.indexOf('=');
			String site = (equals > 0) ? line.substring(0, equals).strip() : "";
			String number = (equals > 0) ? SEPARATORS.matcher(line.substring(equals + 1)).replaceAll("") : "";
			if (!SITE_CODE.matcher(site).matches() || !NUMBER.matcher(number).matches()) {
				throw new RetailCrmConfigException(EXTERNAL_PHONES, Text.of("retailcrm.badExternalPhone", i + 1, line));
			}
			phones.add(new ExternalPhone(site, number));
		}
		return phones;
	}

	/**
	 * An external (virtual) number of a store, as retailCRM's {@code externalPhones}
	 * lists it.
	 *
	 * @param siteCode the store's code
	 * @param externalPhone the number, digits with an optional {@code +}
	 */
	record ExternalPhone(String siteCode, String externalPhone) {
	}

}
