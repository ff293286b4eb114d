package io.callbridge.shared.web;

import java.sql.SQLException;
import java.util.Locale;

import io.callbridge.shared.Text;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The safety net behind the services' validation: a value the database finds too long is
 * the client's input (422, naming the column where the database says), not a conflict;
 * other integrity violations stay 409.
 */
class DatabaseRefusalsTest {

	private final ApiExceptionHandler handler = new ApiExceptionHandler(messages());

	@Test
	void valueTooLongOnH2IsAnInvalidInputNamingTheColumn() {
		DataIntegrityViolationException ex = violation(new SQLException(
				"Value too long for column \"EXTERNAL_ID CHARACTER VARYING(100)\": \"'xxxx' (101)\"", "22001", 22001));

		ProblemDetail problem = this.handler.integrity(ex, Locale.ENGLISH);

		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getType().toString()).endsWith("/invalid-input");
		assertThat(problem.getDetail()).isEqualTo("A value is longer than allowed.");
		assertThat(problem.getProperties()).containsKey("errors");
		assertThat(problem.getProperties().get("errors").toString()).contains("externalId");
	}

	@Test
	void valueTooLongOnPostgresqlIsAnInvalidInputInTheReadersLanguage() {
		DataIntegrityViolationException ex = violation(
				new SQLException("ERROR: value too long for type character varying(300)", "22001"));

		ProblemDetail problem = this.handler.integrity(ex, Locale.forLanguageTag("es"));

		assertThat(problem.getStatus()).isEqualTo(422);
		assertThat(problem.getDetail()).isEqualTo("Un valor es más largo de lo permitido.");
	}

	@Test
	void aCharacterPostgresqlCannotStoreIsAnInvalidInputInTheReadersLanguage() {
		DataIntegrityViolationException ex = violation(
				new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));

		ProblemDetail english = this.handler.integrity(ex, Locale.ENGLISH);
		ProblemDetail spanish = this.handler.integrity(ex, Locale.forLanguageTag("es"));

		assertThat(english.getStatus()).isEqualTo(422);
		assertThat(english.getType().toString()).endsWith("/invalid-input");
		assertThat(english.getDetail())
			.isEqualTo("A text value holds a character that cannot be stored (U+0000, NUL).");
		assertThat(spanish.getDetail())
			.isEqualTo("Un texto contiene un carácter que no se puede guardar (U+0000, NUL).");
	}

	@Test
	void otherIntegrityViolationsStayConflicts() {
		DataIntegrityViolationException ex = violation(
				new SQLException("duplicate key value violates unique constraint", "23505"));

		ProblemDetail problem = this.handler.integrity(ex, Locale.ENGLISH);

		assertThat(problem.getStatus()).isEqualTo(409);
		assertThat(problem.getType().toString()).endsWith("/conflict");
	}

	private static DataIntegrityViolationException violation(SQLException cause) {
		return new DataIntegrityViolationException("could not execute statement", cause);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(Text.BUNDLES);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
