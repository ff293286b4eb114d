/**
 * The Zadarma cloud PBX provider: {@code inbound} (the webhook for NOTIFY_* call
 * notifications, their signatures, their mapping to normalized events and the
 * call-control reply to NOTIFY_START) and {@code outbound} (the signed REST client).
 * Protocol facts: Zadarma's API documentation and official SDKs.
 */
@ApplicationModule(displayName = "Zadarma", allowedDependencies = { "telephony", "coordination", "shared", "tenants" })
@NullMarked
package io.callbridge.zadarma;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
