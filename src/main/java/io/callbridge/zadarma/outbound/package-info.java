/**
 * Outbound side of the Zadarma provider: the signed REST client ({@code api.zadarma.com},
 * API v1), its local rate limits, and the adapter that puts it behind the provider port —
 * click-to-call, extensions, recordings, statistics for reconciliation, account checks
 * and webhook registration.
 */
@NullMarked
package io.callbridge.zadarma.outbound;

import org.jspecify.annotations.NullMarked;
