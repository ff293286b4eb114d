package io.callbridge.security;

import java.util.Locale;

import io.callbridge.shared.Text;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first admin of a fresh install is named "Administrator" in the configured language,
 * unless a name is configured.
 */
class AdminPropertiesTest {

	private final ResourceBundleMessageSource messages = messages();

	@Test
	void theDefaultNameIsAdministratorInTheConfiguredLanguage() {
		assertThat(new AdminProperties("admin", null, null, Locale.ENGLISH).displayName(this.messages))
			.isEqualTo("Administrator");
		assertThat(new AdminProperties("admin", null, " ", Locale.forLanguageTag("es")).displayName(this.messages))
			.isEqualTo("Administrador");
	}

	@Test
	void aConfiguredNameWins() {
		assertThat(new AdminProperties("admin", null, "Jefa de sala", Locale.ENGLISH).displayName(this.messages))
			.isEqualTo("Jefa de sala");
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(Text.BUNDLES);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
