/**
 * Inbound side of the Zadarma provider: the webhook receiving NOTIFY_* call
 * notifications, their signature check, their mapping to normalized call events, and the
 * call-control reply to NOTIFY_START.
 */
@NullMarked
package io.callbridge.zadarma.inbound;

import org.jspecify.annotations.NullMarked;
