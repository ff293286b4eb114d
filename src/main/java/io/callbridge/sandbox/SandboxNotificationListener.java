package io.callbridge.sandbox;

import io.callbridge.telephony.CallStartDecision;

/**
 * The sandbox PBX's "webhook endpoint": receives each notification and, for
 * {@code call.started}, answers with what to do with the call (as Zadarma's NOTIFY_START
 * reply does).
 */
public interface SandboxNotificationListener {

	CallStartDecision onNotification(long accountId, SandboxNotification notification);

}
