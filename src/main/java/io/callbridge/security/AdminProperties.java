package io.callbridge.security;

import java.util.Locale;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.MessageSource;

/**
 * The admin account created on first start.
 *
 * @param username its login name
 * @param password its password (from {@code CALLBRIDGE_ADMIN_PASSWORD}); generated and
 * logged once if unset
 * @param displayName its display name; if unset, "Administrator" in {@code language}
 * @param language the language of the default display name ({@code en} or {@code es})
 */
@ConfigurationProperties("callbridge.admin")
record AdminProperties(@DefaultValue("admin") String username, @Nullable String password, @Nullable String displayName,
		@DefaultValue("en") Locale language) {

	/** The display name of the first admin: as configured, or the localised default. */
	String displayName(MessageSource messages) {
		return (this.displayName != null && !this.displayName.isBlank()) ? this.displayName.strip()
				: defaultDisplayName().in(messages, this.language);
	}

	/** "Administrator", in the reader's language. */
	static Text defaultDisplayName() {
		return Text.of("agent.administrator");
	}

	@Override
	public String toString() {
		return "AdminProperties[" + this.username + "]";
	}

}
