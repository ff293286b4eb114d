package io.callbridge.security;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin account created on first start.
 *
 * @param username its login name
 * @param password its password (from {@code CALLBRIDGE_ADMIN_PASSWORD}); generated and
 * logged once if unset
 */
@ConfigurationProperties("callbridge.admin")
record AdminProperties(@DefaultValue("admin") String username, @Nullable String password) {

	@Override
	public String toString() {
		return "AdminProperties[" + this.username + "]";
	}

}
