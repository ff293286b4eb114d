package io.callbridge.contacts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Rows in the text format of PostgreSQL's {@code COPY … FROM STDIN}: columns separated by
 * a tab, rows ended by a newline, {@code \N} for {@code NULL}, and a backslash, tab,
 * newline or carriage return inside a value written as its backslash escape, so any text
 * arrives exactly as it was (quotes and every other character need no escape in this
 * format).
 */
final class CopyText {

	private final StringBuilder text = new StringBuilder(64 * 1024);

	private boolean rowStarted;

	/** Appends a text value, or {@code NULL}. */
	CopyText add(@Nullable String value) {
		separate();
		if (value == null) {
			this.text.append("\\N");
			return this;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
		return this;
	}

	/** Appends a number. */
	CopyText add(long value) {
		separate();
		this.text.append(value);
		return this;
	}

	/** Appends a number, or {@code NULL}. */
	CopyText add(@Nullable Long value) {
		return (value != null) ? add(value.longValue()) : add((String) null);
	}

	/** Appends a time in ISO 8601 (UTC), which {@code timestamp with time zone} reads. */
	CopyText add(Instant value) {
		separate();
		this.text.append(value);
		return this;
	}

	/** Ends the row. */
	CopyText endRow() {
		this.text.append('\n');
		this.rowStarted = false;
		return this;
	}

	/** The rows, encoded as the connection sends them (UTF-8). */
	byte[] bytes() {
		return this.text.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

	private void separate() {
		if (this.rowStarted) {
			this.text.append('\t');
		}
		this.rowStarted = true;
	}

}
