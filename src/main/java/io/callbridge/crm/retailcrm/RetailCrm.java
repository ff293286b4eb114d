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
