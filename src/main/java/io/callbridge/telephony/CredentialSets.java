package io.callbridge.telephony;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;

/**
 * The one rule for which credentials an account needs: every field of at least one of its
 * provider's {@link TelephonyProvider#credentialSets() credential sets}. When none is
 * complete, the fields missing from the set closest to complete are named (the first such
 * set on a tie) and, where the provider has several sets, the sets themselves.
 */
final class CredentialSets {

	private CredentialSets() {
	}

	/**
	 * What is missing from the given credentials.
	 * @param provider the account's provider
	 * @param given the credentials given (blank values count as missing)
	 * @return the field errors, none when one set is complete
	 */
	static List<FieldError> missing(TelephonyProvider provider, Map<String, String> given) {
		List<List<String>> sets = provider.credentialSets();
		if (sets.isEmpty()) {
			return List.of();
		}
		List<String> closest = sets.stream()
			.min(Comparator.comparingInt((List<String> set) -> missingOf(set, given).size())
				.thenComparingInt((set) -> missingOf(set, given).size() - set.size()))
			.orElseThrow();
		List<String> absent = missingOf(closest, given);
		List<FieldError> errors = new ArrayList<>();
		for (String field : absent) {
			errors.add(new FieldError("credentials." + field,
					Text.of("telephonyAccount.credentialMissing", provider.label(), provider.credentialLabel(field))));
		}
		if (!absent.isEmpty() && sets.size() > 1) {
			String alternatives = sets.stream().map((set) -> String.join(" + ", set)).collect(Collectors.joining("; "));
			errors.add(new FieldError("credentials",
					Text.of("telephonyAccount.credentialSets", provider.label(), alternatives)));
		}
		return errors;
	}

	private static List<String> missingOf(List<String> set, Map<String, String> given) {
		return set.stream().filter((field) -> {
			String value = given.get(field);
			return value == null || value.isBlank();
		}).toList();
	}

}
