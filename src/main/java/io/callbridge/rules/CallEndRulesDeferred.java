package io.callbridge.rules;

import io.callbridge.calls.CallEnded;
import io.callbridge.calls.CallResultCorrected;
import org.jspecify.annotations.Nullable;

/**
 * End-of-call rules that failed inside their fact's transaction, retried after commit by
 * a durable listener: one of the two facts is set.
 *
 * @param ended the call's completion
 * @param corrected the correction of its result
 */
record CallEndRulesDeferred(@Nullable CallEnded ended, @Nullable CallResultCorrected corrected) {
}
