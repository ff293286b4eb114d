package io.callbridge.shared;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: columns separated by
 * a tab, rows ended by a newline, {@code \N} for {@code NULL}, and a backslash, tab,
 * newline or carriage return inside a value written as its backslash escape, so any text
 * arrives exactly as it was (quotes and every other character need no escape in this
 * format).
 */
public final class CopyText {

	private final StringBuilder text = new StringBuilder(64 * 1024);

	private boolean rowStarted;

	/** Appends a text value, or {@code NULL}. */
	public CopyText add(@Nullable String value) {
		separate();
		if (value == null) {
			this.text.append("\\N");
			return this;
		}
		// Most values have no character to escape: looked for with String.indexOf, which
		// the JVM runs over many characters at a time, and appended whole.
		if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
			this.text.append(value);
			return this;
		}
		int run = 0;
		for (int i = 0; i < value.length(); i++) {
			String escaped = switch (value.charAt(i)) {
				case '\\' -> "\\\\";
				case '\t' -> "\\t";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				default -> null;
			};
			if (escaped != null) {
				this.text.append(value, run, i).append(escaped);
				run = i + 1;
			}
		}
		this.text.append(value, run, value.length());
		return this;
	}

	/** Appends a number. */
	public CopyText add(long value) {
		separate();
		this.text.append(value);
		return this;
	}

	/** Appends a number, or {@code NULL}. */
	public CopyText add(@Nullable Long value) {
		return (value != null) ? add(value.longValue()) : add((String) null);
	}

	/**
	 * Appends a time in ISO 8601 (UTC), which {@code timestamp with time zone} reads: the
	 * text of {@link Instant#toString()}, written here from the time's fields because the
	 * formatter behind {@code toString()} was a third of a history page's COPY text (JFR,
	 * 2026-12-07).
	 */
	public CopyText add(Instant value) {
		separate();
		LocalDateTime utc = LocalDateTime.ofEpochSecond(value.getEpochSecond(), 0, ZoneOffset.UTC);
		if (utc.getYear() < 1000 || utc.getYear() > 9999) {
			// Years of other lengths (or signs) as Instant writes them.
			this.text.append(value);
			return this;
		}
		digits(utc.getYear(), 4).append('-');
		digits(utc.getMonthValue(), 2).append('-');
		digits(utc.getDayOfMonth(), 2).append('T');
		digits(utc.getHour(), 2).append(':');
		digits(utc.getMinute(), 2).append(':');
		digits(utc.getSecond(), 2);
		fraction(value.getNano());
		this.text.append('Z');
		return this;
	}

	/** Appends a number, or {@code NULL}. */
	public CopyText add(@Nullable Integer value) {
		return (value != null) ? add(value.longValue()) : add((String) null);
	}

	/** Appends a decimal as written, or {@code NULL}. */
	public CopyText add(@Nullable BigDecimal value) {
		return add((value != null) ? value.toPlainString() : null);
	}

	/** Appends a truth value. */
	public CopyText add(boolean value) {
		return add(value ? "t" : "f");
	}

	/** Appends a day in ISO 8601, which {@code date} reads. */
	public CopyText add(LocalDate value) {
		return add(value.toString());
	}

	/** Appends a time, or {@code NULL}. */
	public CopyText addTime(@Nullable Instant value) {
		return (value != null) ? add(value) : add((String) null);
	}

	/** Ends the row. */
	public CopyText endRow() {
		this.text.append('\n');
		this.rowStarted = false;
		return this;
	}

	/** The rows, encoded as the connection sends them (UTF-8). */
	public byte[] bytes() {
		return this.text.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Takes ids for rows a {@code COPY} is to write with explicit ids, from the table's
	 * identity sequence as the column's default would (PostgreSQL only).
	 * @param jdbc the template of the transaction's data source
	 * @param table the table, whose identity column is {@code id}
	 * @param count how many
	 * @return the ids, ascending, so that they grow in the rows' order as the inserts'
	 * own defaults would
	 */
	public static List<Long> reserveIds(JdbcTemplate jdbc, String table, int count) {
		// The sequence is looked up once, in a subquery kept apart by OFFSET 0: written
		// inside nextval(...) it was looked up again for every id (pg_get_serial_sequence
		// reads the catalog each time; 2.8 against 0.4 µs an id, measured in psql).
		List<Long> ids = new ArrayList<>(jdbc.queryForList("""
				SELECT nextval(s.seq)
				FROM (SELECT CAST(pg_get_serial_sequence(?, 'id') AS regclass) AS seq OFFSET 0) s
				CROSS JOIN generate_series(1, ?)""", Long.class, table, count));
		ids.sort(null);
		return ids;
	}

	/**
	 * The transaction's {@code CURRENT_TIMESTAMP}: what an insert would write for a
	 * column set to it, for the same column of copied rows.
	 * @param jdbc the template of the transaction's data source
	 * @return the database's time of the transaction
	 */
	public static Instant transactionTime(JdbcTemplate jdbc) {
		return Objects.requireNonNull(jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class))
			.toInstant();
	}

	/**
	 * Sends the rows with {@code COPY … FROM STDIN} on the current transaction's
	 * connection (PostgreSQL only); a failure comes as Spring's exception for it (a
	 * unique key as {@code DuplicateKeyException}).
	 * @param jdbc the template of the transaction's data source
	 * @param sql the {@code COPY} statement
	 * @param expected how many rows were added
	 * @throws IllegalStateException when the server wrote another number of rows
	 */
	public void copyInto(JdbcTemplate jdbc, String sql, int expected) {
		Long copied = jdbc.execute((ConnectionCallback<Long>) (connection) -> {
			byte[] bytes = bytes();
			CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
			try {
				in.writeToCopy(bytes, 0, bytes.length);
				return in.endCopy();
			}
			finally {
				if (in.isActive()) {
					cancel(in);
				}
			}
		});
		if (copied == null || copied != expected) {
			throw new IllegalStateException("COPY wrote " + copied + " rows of " + expected);
		}
	}

	private static void cancel(CopyIn in) {
		try {
			in.cancelCopy();
		}
		catch (SQLException ex) {
			// The failure of the COPY itself is what the caller reports, and its
			// transaction is rolled back.
		}
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

	// The fraction of a second as Instant writes it: none, or in groups of three digits,
	// as many as it takes.
	private void fraction(int nanos) {
		if (nanos == 0) {
			return;
		}
		this.text.append('.');
		if (nanos % 1_000_000 == 0) {
			digits(nanos / 1_000_000, 3);
		}
		else if (nanos % 1_000 == 0) {
			digits(nanos / 1_000, 6);
		}
		else {
			digits(nanos, 9);
		}
	}

	// A non-negative number with leading zeros to the width.
	private StringBuilder digits(int value, int width) {
		for (int power = 10, left = width - 1; left > 0; power *= 10, left--) {
			if (value < power) {
				this.text.repeat('0', left);
				break;
			}
		}
		return this.text.append(value);
	}

	private void separate() {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
	}

}
