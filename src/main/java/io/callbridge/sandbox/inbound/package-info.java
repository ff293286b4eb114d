/**
 * Inbound side of the sandbox provider: its notifications mapped to normalized call
 * events.
 */
@NullMarked
package io.callbridge.sandbox.inbound;

import org.jspecify.annotations.NullMarked;
