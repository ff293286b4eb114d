package io.callbridge.uis;

import java.util.List;

/**
 * What the account page shows of an account's point limits. Implemented by the outbound
 * side, from the limits every answer of UIS carries.
 */
public interface UisUsage {

	/**
	 * The last known points of each API of the account (none before the first answer).
	 */
	List<UisPoints> points(long accountId);

}
