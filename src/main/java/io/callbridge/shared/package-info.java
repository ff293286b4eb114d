/**
 * Shared kernel used by every module: the authenticated principal, roles, problem (error)
 * types, secret encryption and small value types. It holds no business rules.
 */
@NullMarked
package io.callbridge.shared;

import org.jspecify.annotations.NullMarked;
