/**
 * Follow-ups retried while the server runs: every module reacts to another's events
 * through listeners whose deliveries Spring Modulith's event publication registry keeps
 * until they succeed. This module retries the failed ones with growing waits, on one node
 * at a time and on the database's clock, takes over those left unfinished by a stopped
 * node, and shows admins the ones that keep failing (a list with "retry now", a metric).
 */
@NullMarked
package io.callbridge.followups;

import org.jspecify.annotations.NullMarked;
