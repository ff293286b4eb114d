/**
 * Outbound side of the sandbox provider: click-to-call, hanging up a call in progress and
 * the extension list.
 */
@NullMarked
package io.callbridge.sandbox.outbound;

import org.jspecify.annotations.NullMarked;
