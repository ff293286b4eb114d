package io.callbridge.security;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Passwords are hashed with BCrypt at the configured strength, in the format Spring
 * Security's default encoder writes; a hash made at another strength (every hash stored
 * before the setting existed) still verifies.
 */
class PasswordEncodingTest {

	@Test
	void newHashesUseTheConfiguredStrengthInSpringSecuritysFormat() {
		PasswordEncoder encoder = encoder(5);

		String hash = encoder.encode("Contraseña-1");

		assertThat(hash).startsWith("{bcrypt}$2a$05$");
		assertThat(encoder.matches("Contraseña-1", hash)).isTrue();
		assertThat(encoder.matches("contraseña-1", hash)).isFalse();
	}

	@Test
	void hashesOfTheFormerDefaultEncoderStillVerify() {
		String stored = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("secret-pass");

		assertThat(stored).startsWith("{bcrypt}$2a$10$");
		assertThat(encoder(4).matches("secret-pass", stored)).isTrue();
		assertThat(encoder(4).matches("secret-pas", stored)).isFalse();
	}

	@Test
	void aStrengthOutsideBcryptsRangeIsRefusedAtStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordProperties(3))
			.withMessageContaining("callbridge.passwords.bcrypt-strength must be between 4 and 31, not 3");
		assertThatIllegalArgumentException().isThrownBy(() -> new PasswordProperties(32));
		assertThat(new PasswordProperties(31).bcryptStrength()).isEqualTo(31);
	}

	private static PasswordEncoder encoder(int strength) {
		return new SecurityConfig().passwordEncoder(new PasswordProperties(strength));
	}

}
