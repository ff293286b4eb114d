/**
 * Calls: the one normalized call model for every provider. Provider events arrive through
 * the {@link io.callbridge.telephony.CallEventSink}, are stored with their raw payload,
 * and the call's state is recomputed from its whole timeline so repeats and out-of-order
 * delivery change nothing. Also click-to-call, dispositions and the call history.
 * Publishes {@link io.callbridge.calls.CallRang},
 * {@link io.callbridge.calls.CallAnswered}, {@link io.callbridge.calls.CallTransferred}
 * and {@link io.callbridge.calls.CallEnded}.
 */
@NullMarked
package io.callbridge.calls;

import org.jspecify.annotations.NullMarked;
