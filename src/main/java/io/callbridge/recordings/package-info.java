/**
 * Call recordings: when a call event reports a recording, a retried job asks the provider
 * for a playable link (about 40 s after the call, or at once when the provider says the
 * recording is ready), and the call detail plays it, refreshing an expired link on
 * demand.
 */
@NullMarked
package io.callbridge.recordings;

import org.jspecify.annotations.NullMarked;
