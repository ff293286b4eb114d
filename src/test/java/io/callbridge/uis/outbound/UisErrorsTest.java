package io.callbridge.uis.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.callbridge.shared.Text;
import io.callbridge.uis.outbound.UisApiException.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every error UIS documents is explained in English and Spanish, keeps UIS's
 * own message visible, and is classified so the callers react rightly (credentials,
 * limits, UIS down, refusal).
 */
class UisErrorsTest {

	@Test
	void everyDocumentedMnemonicAndCodeIsExplainedInBothLanguages() throws IOException {
		Properties english = load("i18n/problems.properties");
		Properties spanish = load("i18n/problems_es.properties");
		List<String> keys = new ArrayList<>();
		UisErrors.EXPLAINED.forEach((mnemonic) -> keys.add(UisErrors.explanationKey(-32602, mnemonic)));
		UisErrors.CODES.forEach((code) -> keys.add(UisErrors.explanationKey(code, null)));
		keys.add(UisErrors.explanationKey(-1, null));

		assertThat(keys).hasSize(UisErrors.EXPLAINED.size() + UisErrors.CODES.size() + 1)
			.allSatisfy((key) -> assertThat(english).containsKey(key))
			.allSatisfy((key) -> assertThat(spanish).containsKey(key));
	}

	@Test
	void anEmployeeWithoutAnActivePhoneIsExplainedWithUissOwnWords() {
		UisApiException ex = UisErrors.failure("start.employee_call", -32602, "no_active_phone_number",
				"The phone number does not exist or inactive");

		assertThat(ex.kind()).isEqualTo(Kind.REFUSED);
		assertThat(ex.text().english()).contains("has no active phone number in UIS")
			.contains("The phone number does not exist or inactive")
			.contains("-32602 no_active_phone_number")
			.contains("start.employee_call");
	}

	@Test
	void errorsAreClassified() {
		assertThat(kind(-32001, "access_token_invalid")).isEqualTo(Kind.CREDENTIALS_REJECTED);
		assertThat(kind(-32001, "auth_error")).isEqualTo(Kind.CREDENTIALS_REJECTED);
		assertThat(kind(-32003, "ip_not_whitelisted")).isEqualTo(Kind.CREDENTIALS_REJECTED);
		assertThat(kind(-32029, "limit_exceeded")).isEqualTo(Kind.RATE_LIMITED);
		assertThat(kind(-32603, "internal_error")).isEqualTo(Kind.UNREACHABLE);
		assertThat(kind(-32002, "contact_in_blacklist")).isEqualTo(Kind.REFUSED);
		assertThat(kind(-32007, "virtual_phone_number_not_found")).isEqualTo(Kind.REFUSED);
		assertThat(kind(-32008, "component_disabled")).isEqualTo(Kind.REFUSED);
		assertThat(kind(-32009, "account_inactive")).isEqualTo(Kind.REFUSED);
	}

	@Test
	void anUnknownMnemonicIsExplainedByItsCodeAndUissMisspellingIsKnown() {
		assertThat(
				UisErrors.failure("get.calls_report", -32002, "brand_new_rule", "Forbidden by a rule").text().english())
			.contains("security rules or blacklist")
			.contains("Forbidden by a rule");
		assertThat(UisErrors.failure("x", -1, null, "Odd").text().english()).contains("does not know").contains("Odd");
		assertThat(UisErrors.known("batch_opreations_not_supported")).isEqualTo("batch_operations_not_supported");
	}

	private static Kind kind(int code, String mnemonic) {
		return UisErrors.failure("m", code, mnemonic, "message").kind();
	}

	private static Properties load(String resource) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Text.class.getClassLoader().getResourceAsStream(resource)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
