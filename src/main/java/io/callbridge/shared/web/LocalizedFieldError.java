package io.callbridge.shared.web;

import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems.FieldError;

import org.springframework.context.MessageSource;

/**
 * One invalid field as the API shows it: the field and what is wrong with it, in the
 * reader's language.
 *
 * @param field the request field
 * @param message what is wrong with it
 */
record LocalizedFieldError(String field, String message) {

	static List<LocalizedFieldError> of(List<FieldError> errors, MessageSource messages, Locale locale) {
		return errors.stream()
			.map((error) -> new LocalizedFieldError(error.field(), error.text().in(messages, locale)))
			.toList();
	}

}
