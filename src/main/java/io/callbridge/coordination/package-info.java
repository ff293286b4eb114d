/**
 * Coordination between the nodes of a cluster, on the database's clock and locks only:
 * {@link io.callbridge.coordination.DatabaseClock} (what time it is for every node) and
 * {@link io.callbridge.coordination.Leases} (who holds a named piece of work, and until
 * when). Every schedule, claim, request turn and rate limit shared by nodes is built on
 * these, so that a node's own clock or memory never decides anything another node relies
 * on.
 */
@ApplicationModule(displayName = "Coordination", allowedDependencies = {})
@NullMarked
package io.callbridge.coordination;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
