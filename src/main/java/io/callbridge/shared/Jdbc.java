package io.callbridge.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Conversions between {@link Instant} and the JDBC types that both H2 and PostgreSQL
 * accept for {@code TIMESTAMP WITH TIME ZONE} (the PostgreSQL driver does not bind
 * {@code Instant} itself).
 */
public final class Jdbc {

	private Jdbc() {
	}

	public static @Nullable OffsetDateTime ts(@Nullable Instant instant) {
		return (instant != null) ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : null;
	}

	public static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return (value != null) ? value.toInstant() : null;
	}

	public static @Nullable Long longOrNull(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	/**
	 * Splits values (ids, or the rows of a table of values) into lists of at most 1000,
	 * the size of an IN list every database accepts.
	 */
	public static <T> List<List<T>> chunks(Collection<T> values) {
		List<T> all = List.copyOf(values);
		List<List<T>> chunks = new ArrayList<>();
		for (int from = 0; from < all.size(); from += 1000) {
			chunks.add(all.subList(from, Math.min(all.size(), from + 1000)));
		}
		return chunks;
	}

	public static @Nullable Integer intOrNull(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

}
