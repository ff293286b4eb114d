package io.callbridge.telephony;

/**
 * Which way a call goes, seen from the company.
 */
public enum CallDirection {

	INBOUND, OUTBOUND, INTERNAL

}
