package io.callbridge.telephony;

import java.util.List;
import java.util.Map;

import io.callbridge.shared.Problems.FieldError;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that an account needs every field of one of its provider's credential sets, and
 * that a provider with one set still needs every field.
 */
class CredentialSetsTest {

	private static final TelephonyProvider EITHER_OR = provider(List.of("token", "login", "password", "secret"),
			List.of(List.of("token", "secret"), List.of("login", "password", "secret")));

	private static final TelephonyProvider ALL = provider(List.of("key", "secret"), null);

	@Test
	void oneCompleteSetIsEnough() {
		assertThat(CredentialSets.missing(EITHER_OR, Map.of("token", "t", "secret", "s"))).isEmpty();
		assertThat(CredentialSets.missing(EITHER_OR, Map.of("login", "l", "password", "p", "secret", "s"))).isEmpty();
	}

	@Test
	void withoutACompleteSetTheClosestSetsMissingFieldsAndTheSetsAreNamed() {
		List<FieldError> errors = CredentialSets.missing(EITHER_OR, Map.of("login", "l", "secret", "s", "token", " "));

		assertThat(errors).extracting(FieldError::field).containsExactly("credentials.password", "credentials");
		assertThat(errors.get(1).text().english()).contains("token + secret; login + password + secret");
	}

	@Test
	void nothingGivenNamesTheFirstSet() {
		assertThat(CredentialSets.missing(EITHER_OR, Map.of())).extracting(FieldError::field)
			.containsExactly("credentials.token", "credentials.secret", "credentials");
	}

	@Test
	void aProviderWithOneSetNeedsEveryField() {
		assertThat(CredentialSets.missing(ALL, Map.of("key", "k"))).extracting(FieldError::field)
			.containsExactly("credentials.secret");
		assertThat(CredentialSets.missing(ALL, Map.of("key", "k", "secret", "s"))).isEmpty();
	}

	private static TelephonyProvider provider(List<String> fields, List<List<String>> sets) {
		return new TelephonyProvider() {

			@Override
			public String key() {
				return "any";
			}

			@Override
			public List<String> credentialFields() {
				return fields;
			}

			@Override
			public List<List<String>> credentialSets() {
				return (sets != null) ? sets : TelephonyProvider.super.credentialSets();
			}

			@Override
			public OriginateResult originate(TelephonyAccount account, Credentials credentials,
					OriginateRequest request) {
				throw new UnsupportedOperationException();
			}

			@Override
			public List<ProviderEndpoint> listEndpoints(TelephonyAccount account, Credentials credentials) {
				return List.of();
			}

		};
	}

}
