/**
 * The provider-neutral telephony port owned by the core, and the registry of telephony
 * accounts.
 * <p>
 * Each provider lives in a sub-package ({@code sandbox}, later {@code zadarma},
 * {@code callmyway}, {@code uis}) with an {@code inbound} side (webhook or poller mapping
 * provider payloads to {@link io.callbridge.telephony.ProviderCallEvent}s handed to the
 * {@link io.callbridge.telephony.CallEventSink}) and an {@code outbound} side (an API
 * client implementing {@link io.callbridge.telephony.TelephonyProvider}). Every outbound
 * client sends through {@link io.callbridge.telephony.ProviderHttp} (made by
 * {@link io.callbridge.telephony.ProviderHttpClients}): per-provider timeouts, the
 * {@code callbridge.provider.requests} observation and secret scrubbing in one place.
 */
@NullMarked
package io.callbridge.telephony;

import org.jspecify.annotations.NullMarked;
