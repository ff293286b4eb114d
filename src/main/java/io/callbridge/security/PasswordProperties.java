package io.callbridge.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How users' passwords are hashed: BCrypt with {@code bcrypt-strength} log rounds for new
 * hashes (a password set or changed). Each step doubles the time one login or one
 * password change costs the server; a hash keeps the strength it was made with (it is
 * part of the hash), so changing it never locks anyone out.
 *
 * @param bcryptStrength BCrypt's log rounds, 4 to 31; 10 (≈ 65 ms a hash on one core of a
 * small server) by default
 */
@ConfigurationProperties("callbridge.passwords")
record PasswordProperties(@DefaultValue("10") int bcryptStrength) {

	PasswordProperties {
		if (bcryptStrength < 4 || bcryptStrength > 31) {
			throw new IllegalArgumentException(
					"callbridge.passwords.bcrypt-strength must be between 4 and 31, not " + bcryptStrength);
		}
	}

}
