package io.callbridge.records;

/**
 * Port through which tasks check that the call they are created for is one of the
 * tenant's, without reading the calls module's tables (that module implements it; it
 * depends on this one, so tasks cannot call it directly).
 */
public interface KnownCalls {

	/** Whether the call exists and belongs to the tenant. */
	boolean isCallOf(long tenantId, long callId);

}
