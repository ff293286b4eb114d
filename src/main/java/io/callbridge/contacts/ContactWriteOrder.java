package io.callbridge.contacts;

/**
 * Port taken at the start of every transaction that changes contacts, before any contact
 * row is locked. The change feed (records module, which implements it) hands out change
 * numbers under one lock per tenant; taking that lock first in every writer keeps the
 * lock order the same everywhere, so concurrent writers wait for each other instead of
 * deadlocking.
 */
public interface ContactWriteOrder {

	/** Takes the tenant's write turn; held until the surrounding transaction ends. */
	void claim(long tenantId);

}
