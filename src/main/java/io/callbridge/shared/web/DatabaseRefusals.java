package io.callbridge.shared.web;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Reads why the database refused a change, for the safety net behind the services' own
 * validation: a value longer than its column, or text holding a character the database
 * cannot store, is the client's input (422), not a conflict.
 */
final class DatabaseRefusals {

	/** SQL state "string data, right truncation", used by PostgreSQL and H2. */
	private static final String VALUE_TOO_LONG = "22001";

	/**
	 * SQL state "character not in repertoire": PostgreSQL's refusal of a NUL in text, for
	 * input that got past the checks where it enters ({@code StorableText}).
	 */
	private static final String UNSTORABLE_CHARACTER = "22021";

	/**
	 * Logged when the database refused such a character: a way in that does not check its
	 * input against {@code StorableText} yet, to be found and fixed.
	 */
	static final String UNSTORABLE_LOGGED = "Text holding a character the database cannot store got past the checks "
			+ "where input enters, on {}";

	// H2 names the column ("Value too long for column \"TITLE CHARACTER VARYING(300)\"");
	// PostgreSQL does not.
	private static final Pattern H2_COLUMN = Pattern.compile("column \"([A-Za-z0-9_]+)[ \"]");

	private DatabaseRefusals() {
	}

	static boolean valueTooLong(Throwable ex) {
		SQLException sql = sqlCause(ex);
		return sql != null && VALUE_TOO_LONG.equals(sql.getSQLState());
	}

	static boolean unstorableCharacter(Throwable ex) {
		SQLException sql = sqlCause(ex);
		return sql != null && UNSTORABLE_CHARACTER.equals(sql.getSQLState());
	}

	/** The column the value was too long for, in camel case, where the database says. */
	static Optional<String> column(Throwable ex) {
		SQLException sql = sqlCause(ex);
		if (sql == null || sql.getMessage() == null) {
			return Optional.empty();
		}
		Matcher matcher = H2_COLUMN.matcher(sql.getMessage());
		return matcher.find() ? Optional.of(camelCase(matcher.group(1))) : Optional.empty();
	}

	private static @Nullable SQLException sqlCause(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql) {
				return sql;
			}
		}
		return null;
	}

	private static String camelCase(String column) {
		StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (char c : column.toLowerCase(Locale.ROOT).toCharArray()) {
			if (c == '_') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

}
