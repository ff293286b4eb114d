package io.callbridge.records;

import java.util.Locale;

import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/** What kind of interaction a case follow-up records (VCC's follow-up types). */
public enum FollowUpKind {

	/** A phone call. */
	CALL,

	/** An e-mail. */
	EMAIL,

	/** A note. */
	NOTE,

	/** A visit. */
	VISIT;

	/**
	 * The kind a request names (any case), or a 422 problem on the field.
	 * @param value what was sent
	 * @param field the field it was sent in
	 * @return the kind, or {@code null} when nothing was sent
	 */
	public static @Nullable FollowUpKind parse(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new Problems.InvalidInput(field, Text.of("followUp.unknownKind", value));
		}
	}

}
