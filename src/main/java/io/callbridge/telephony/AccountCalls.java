package io.callbridge.telephony;

/**
 * Port through which the account registry learns how many calls an account has, without
 * reading the calls module's tables (that module implements it): an account with calls
 * cannot be deleted, since its calls keep referring to it.
 */
public interface AccountCalls {

	/** How many calls are stored for the account. */
	long countForAccount(long accountId);

}
