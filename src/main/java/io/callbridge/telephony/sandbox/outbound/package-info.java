/**
 * Outbound side of the sandbox provider: click-to-call and the extension list.
 */
@NullMarked
package io.callbridge.telephony.sandbox.outbound;

import org.jspecify.annotations.NullMarked;
