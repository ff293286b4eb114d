package io.callbridge.crm.retailcrm.inbound;

import java.util.Optional;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmRequests;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.crm.retailcrm.RetailCrm;
import org.jspecify.annotations.Nullable;

/**
 * Reading retailCRM's request parameters: who sent them (the connection of the
 * {@code clientId}), the manager named, and values fit for a log line.
 */
final class RetailCrmParameters {

	/** The longest value written to a log line. */
	private static final int LOGGED = 40;

	private RetailCrmParameters() {
	}

	/**
	 * The enabled retailCRM connection whose client id this is; empty when none is given
	 * or it is nobody's (the caller is not told which).
	 */
	static Optional<CrmConnection> sender(CrmRequests requests, @Nullable String clientId) {
		String id = present(clientId);
		return (id != null) ? requests.authenticate(RetailCrm.KEY, id) : Optional.empty();
	}

	/** The manager as retailCRM names them: its user id and the telephony code. */
	static CrmUserRef manager(@Nullable String userId, @Nullable String code) {
		return new CrmUserRef(present(userId), present(code));
	}

	/** The value without surrounding blanks, {@code null} when there is none. */
	static @Nullable String present(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/**
	 * A value as a log line shows it: no control characters (no forged lines), at most
	 * {@value #LOGGED} characters.
	 */
	static String loggable(@Nullable String value) {
		if (value == null) {
			return "-";
		}
		String clean = value.replaceAll("\\p{Cntrl}", "?");
		return (clean.length() > LOGGED) ? clean.substring(0, LOGGED) + "…" : clean;
	}

	/**
	 * A customer's number as a log line shows it: only its last four characters, enough
	 * to tell requests apart without writing the number down.
	 */
	static String maskedPhone(@Nullable String phone) {
		String value = present(phone);
		if (value == null) {
			return "-";
		}
		String clean = loggable(value);
		return (clean.length() <= 4) ? "****" : "…" + clean.substring(clean.length() - 4);
	}

}
