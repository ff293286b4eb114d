package io.callbridge.records;

import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/** How urgent a case is. */
public enum CasePriority {

	/** Whenever there is time. */
	LOW,

	/** The default. */
	NORMAL,

	/** Before normal cases. */
	HIGH,

	/** Now. */
	URGENT;

	/**
	 * The priority a request names (any case), or a 422 problem on the field.
	 * @param value what was sent
	 * @param field the field it was sent in
	 * @return the priority, or {@code null} when nothing was sent
	 */
	public static @Nullable CasePriority parse(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new Problems.InvalidInput(field, Text.of("case.unknownPriority", value));
		}
	}

}
