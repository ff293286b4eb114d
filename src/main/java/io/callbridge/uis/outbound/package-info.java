/**
 * Outbound side of the UIS provider: the JSON-RPC client of the Call API and the Data API
 * (envelope, tokens and {@code login.user} sessions, every documented error made clear,
 * point limits shared by nodes), and the adapter that puts it behind the provider port —
 * click-to-call, employees and their availability, the calls report for reconciliation,
 * the durable reading of a finished call's session, recordings and account checks.
 */
@NullMarked
package io.callbridge.uis.outbound;

import org.jspecify.annotations.NullMarked;
