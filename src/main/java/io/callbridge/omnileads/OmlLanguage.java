package io.callbridge.omnileads;

import java.util.Enumeration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The language of an answer, chosen as OMniLeads' Django does: its default is Spanish,
 * and the first language of {@code Accept-Language} that OMniLeads offers wins. OMniLeads
 * also offers Portuguese and Persian, which Callbridge does not: those readers get the
 * default, Spanish.
 */
enum OmlLanguage {

	/** Spanish, OMniLeads' {@code LANGUAGE_CODE}. */
	ES,
	/** OMniLeads' English translation. */
	EN;

	/**
	 * The locale of Callbridge's own texts (a provider's refusal, a phone number's
	 * problem).
	 */
	Locale locale() {
		return (this == EN) ? Locale.ENGLISH : Locale.forLanguageTag("es");
	}

	static OmlLanguage of(HttpServletRequest request) {
		if (request.getHeader("Accept-Language") == null) {
			return ES;
		}
		// The container orders the header's languages by preference.
		Enumeration<Locale> locales = request.getLocales();
		while (locales.hasMoreElements()) {
			String language = locales.nextElement().getLanguage();
			switch (language) {
				case "en":
					return EN;
				case "es", "pt", "fa":
					return ES;
				default:
					// not offered by OMniLeads: the next one is tried
			}
		}
		return ES;
	}

}
