/**
 * Outbound side of the CallMyWay provider: the plain-HTTPS API client (Click2Dial,
 * endpoints, live calls and CDRs) with its per-account 4-second request gate, and the
 * adapter that puts it behind the provider port — click-to-call, endpoints, CDR history
 * for reconciliation and the homologation checks.
 */
@NullMarked
package io.callbridge.callmyway.outbound;

import org.jspecify.annotations.NullMarked;
