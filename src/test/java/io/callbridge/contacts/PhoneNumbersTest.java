package io.callbridge.contacts;

import io.callbridge.shared.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that {@link PhoneNumbers} reads numbers in common formats into E.164 and refuses
 * or marks as withheld what is not a number.
 */
class PhoneNumbersTest {

	@ParameterizedTest
	@ValueSource(strings = { "+34 912 345 678", "0034912345678", "912345678", "912-345-678", "(91) 234 5678",
			"+34.912.345.678", " 912 345 678 ", "00 34 912 345 678" })
	void spanishLandlineInAnyCommonFormatReadsAsE164(String input) {
		assertThat(PhoneNumbers.parse(input, "ES")).isEqualTo(new PhoneNumber.Valid("+34912345678"));
	}

	@Test
	void numberWithNoBreakSpacesReadsAsE164() {
		assertThat(PhoneNumbers.parse("912\u00A0345\u00A0678", "ES")).isEqualTo(new PhoneNumber.Valid("+34912345678"));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			612345678          | ES | +34612345678
			+44 20 7946 0958   | ES | +442079460958
			0044 20 7946 0958  | ES | +442079460958
			+1 (415) 555-2671  | ES | +14155552671
			(415) 555-2671     | US | +14155552671
			415.555.2671       | US | +14155552671
			55 1234 5678       | MX | +525512345678
			+52 55 1234 5678   | ES | +525512345678
			912345678          | es | +34912345678
			""")
	void validNumberReadsAsE164(String input, String region, String e164) {
		assertThat(PhoneNumbers.parse(input, region)).isEqualTo(new PhoneNumber.Valid(e164));
	}

	@Test
	void theSameDigitsReadAgainInAnotherRegionAreReadForThatRegion() {
		assertThat(PhoneNumbers.parse("612345678", "ES")).isEqualTo(new PhoneNumber.Valid("+34612345678"));
		assertThat(PhoneNumbers.parse("612345678", "ES")).isEqualTo(new PhoneNumber.Valid("+34612345678"));
		assertThat(PhoneNumbers.parse("612345678", "MX")).isInstanceOf(PhoneNumber.Invalid.class);
		assertThat(PhoneNumbers.parse("5512345678", "MX")).isEqualTo(new PhoneNumber.Valid("+525512345678"));
		assertThat(PhoneNumbers.parse("5512345678", "ES")).isInstanceOf(PhoneNumber.Invalid.class);
	}

	@ParameterizedTest
	@ValueSource(strings = { "12", "abc", "+34 1", "912345678 ext", "+34 912 345 678 9", "1234567890123456789012345" })
	void unreadableNumberIsInvalidWithAReasonNamingTheInput(String input) {
		PhoneNumber parsed = PhoneNumbers.parse(input, "ES");
		assertThat(parsed).isInstanceOfSatisfying(PhoneNumber.Invalid.class, (invalid) -> {
			assertThat(invalid.input()).isEqualTo(input);
			assertThat(invalid.reason().english()).contains("'" + input + "'");
		});
	}

	@Test
	void overlongInputIsInvalidWithAnAbbreviatedReason() {
		String input = "91234567890123456789012345678901234567890123";
		PhoneNumber parsed = PhoneNumbers.parse(input, "ES");
		assertThat(parsed).isInstanceOfSatisfying(PhoneNumber.Invalid.class, (invalid) -> {
			assertThat(invalid.input()).isEqualTo(input);
			assertThat(invalid.reason().english()).contains(input.substring(0, 20)).contains("too long");
		});
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "anonymous", "Private", "unknown", "0", "  ", " ANONYMOUS ", "withheld", "oculto" })
	void withheldMarkersAreWithheld(String input) {
		assertThat(PhoneNumbers.parse(input, "ES")).isEqualTo(new PhoneNumber.Withheld());
	}

	@Test
	void requireValidGivesTheE164Form() {
		assertThat(PhoneNumbers.requireValid("912 345 678", "ES", "phone")).isEqualTo("+34912345678");
	}

	@Test
	void requireValidRefusesAnInvalidNumber() {
		assertThatExceptionOfType(Problems.InvalidInput.class)
			.isThrownBy(() -> PhoneNumbers.requireValid("12", "ES", "phone"))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("'12'");
				assertThat(ex.errors()).singleElement()
					.satisfies((error) -> assertThat(error.field()).isEqualTo("phone"));
			});
	}

	@Test
	void requireValidRefusesAWithheldNumber() {
		assertThatExceptionOfType(Problems.InvalidInput.class)
			.isThrownBy(() -> PhoneNumbers.requireValid("anonymous", "ES", "phone"))
			.withMessageContaining("required");
	}

	@Test
	void displayShowsTheInternationalFormat() {
		assertThat(PhoneNumbers.display("+34912345678")).isEqualTo("+34 912 34 56 78");
		assertThat(PhoneNumbers.display("+14155552671")).isEqualTo("+1 415-555-2671");
	}

	@Test
	void displayOfNothingIsEmpty() {
		assertThat(PhoneNumbers.display(null)).isEmpty();
	}

}
