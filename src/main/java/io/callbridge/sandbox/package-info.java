/**
 * The built-in sandbox PBX: a simulated telephony provider, enabled on a fresh install,
 * so Callbridge works without a real account. Its notifications go through an inbound
 * mapper to the same {@link io.callbridge.telephony.CallEventSink} a real provider's
 * webhooks reach, and click-to-call goes through its outbound client like any provider's.
 */
@ApplicationModule(displayName = "Sandbox PBX",
		allowedDependencies = { "telephony", "shared", "tenants", "agents", "security" })
@NullMarked
package io.callbridge.sandbox;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
