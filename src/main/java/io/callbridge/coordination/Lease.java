package io.callbridge.coordination;

import java.time.Instant;

/**
 * A named piece of work held by one node until {@link #heldUntil()}, all times on the
 * database's clock.
 *
 * @param name what is held, e.g. {@code poll:live:42}
 * @param token this acquisition's own id: only its holder can release or extend it
 * @param acquiredAt when it was acquired
 * @param heldUntil when it ends unless released or extended
 */
public record Lease(String name, String token, Instant acquiredAt, Instant heldUntil) {
}
