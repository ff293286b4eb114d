package io.callbridge.crm.retailcrm.outbound;

import java.util.Locale;

import io.callbridge.shared.Text;

import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;

/**
 * The application's bundles, for reading the connector's texts in English and Spanish.
 */
final class RetailCrmTexts {

	static final MessageSource MESSAGES = messages();

	static final Locale SPANISH = Locale.forLanguageTag("es");

	private RetailCrmTexts() {
	}

	/** Whether a key has its own wording in a language (not only the key echoed back). */
	static boolean has(String key, Locale locale) {
		return !MESSAGES.getMessage(key, null, key, locale).equals(key);
	}

	private static MessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(Text.BUNDLES);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
