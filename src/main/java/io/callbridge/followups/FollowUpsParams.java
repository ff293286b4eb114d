package io.callbridge.followups;

import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * Reading the list's parameters, for the API and the page alike.
 */
final class FollowUpsParams {

	/** Most items one list shows. */
	static final int MAX_LIMIT = 500;

	private FollowUpsParams() {
	}

	static @Nullable FollowUpState state(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return FollowUpState.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new Problems.InvalidInput("state", Text.of("followup.badState", value));
		}
	}

	static int limit(int value) {
		if (value < 1 || value > MAX_LIMIT) {
			throw new Problems.InvalidInput("limit", Text.of("followup.badLimit", String.valueOf(MAX_LIMIT)));
		}
		return value;
	}

}
