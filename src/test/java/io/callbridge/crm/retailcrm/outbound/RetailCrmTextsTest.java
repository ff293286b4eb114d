package io.callbridge.crm.retailcrm.outbound;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.callbridge.crm.CrmField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The texts the connector names by computed keys (which the bundle test cannot see in the
 * code) exist in English and Spanish: each field's label and help, and the explanation of
 * every retailCRM error message it knows.
 */
class RetailCrmTextsTest {

	@Test
	void everyFieldHasALabelAndHelpInBothLanguages() {
		List<CrmField> fields = RetailCrmFixture.connector().fields();

		assertThat(fields).extracting(CrmField::name).containsExactly("apiKey", "site", "timeZone", "externalPhones");
		for (CrmField field : fields) {
			for (Locale locale : List.of(Locale.ENGLISH, RetailCrmTexts.SPANISH)) {
				assertThat(RetailCrmTexts.has(field.labelKey(), locale)).as(field.labelKey() + " " + locale).isTrue();
				assertThat(RetailCrmTexts.has(field.helpKey(), locale)).as(field.helpKey() + " " + locale).isTrue();
			}
		}
	}

	@ParameterizedTest
	@MethodSource("messages")
	void everyKnownErrorIsExplainedInBothLanguages(String errorMsg) {
		String key = RetailCrmErrors.explain(errorMsg, 400).text().key();

		assertThat(key).isNotNull().startsWith("retailcrmError.");
		assertThat(RetailCrmTexts.has(key, Locale.ENGLISH)).isTrue();
		assertThat(RetailCrmTexts.has(key, RetailCrmTexts.SPANISH)).isTrue();
	}

	static Stream<String> messages() {
		return Stream.of("\"apiKey\" is missing.", "Wrong \"apiKey\" value.", "Access denied.",
				"Account does not exist.", "Errors in the entity format", "Validation error",
				"Errors in the input parameters", "Not found", "Parameter 'phone' is missing", "Telephony not enabled",
				"Telephony not enabled or not supports calls upload", "API method not found", "Something new");
	}

}
