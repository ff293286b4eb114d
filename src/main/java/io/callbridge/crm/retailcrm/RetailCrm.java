package io.callbridge.crm.retailcrm;

import java.util.Locale;
import java.util.Optional;

import io.callbridge.shared.AgentStatus;

/**
 * What both sides of the retailCRM connector share: its key, and retailCRM's user
 * statuses as Callbridge statuses.
 */
public final class RetailCrm {

	/** The connector's key. */
	public static final String KEY = "retailcrm";

	/**
	 * Where retailCRM sends click-to-call requests (registered as {@code makeCallUrl}
	 * after Callbridge's public address).
	 */
	public static final String MAKE_CALL_PATH = "/webhooks/crm/retailcrm/make-call";

	/**
	 * Where retailCRM sends its users' status changes (registered as
	 * {@code changeUserStatusUrl}).
	 */
	public static final String USER_STATUS_PATH = "/webhooks/crm/retailcrm/user-status";

	private RetailCrm() {
	}

	/**
	 * The Callbridge status of a retailCRM user status ({@code free}, {@code busy},
	 * {@code dinner}, {@code break}; protocol notes A6.2); empty for anything else.
	 */
	public static Optional<AgentStatus> statusOf(String status) {
		return switch (status.strip().toLowerCase(Locale.ROOT)) {
			case "free" -> Optional.of(AgentStatus.AVAILABLE);
			case "busy" -> Optional.of(AgentStatus.BUSY);
			case "dinner", "break" -> Optional.of(AgentStatus.BREAK);
			default -> Optional.empty();
		};
	}

}
