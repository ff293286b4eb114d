package io.callbridge.records;

import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/** Where a case stands (VCC's case statuses). */
public enum CaseStatus {

	/** Being worked on. */
	OPEN,

	/** Waiting for the customer or someone else. */
	PENDING,

	/** Done. */
	CLOSED;

	/**
	 * The status a request names (any case), or a 422 problem on the field.
	 * @param value what was sent
	 * @param field the field it was sent in
	 * @return the status, or {@code null} when nothing was sent
	 */
	public static @Nullable CaseStatus parse(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new Problems.InvalidInput(field, Text.of("case.unknownStatus", value));
		}
	}

}
