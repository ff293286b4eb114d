/**
 * Callbridge's pushes to the CRM connections: the call facts ({@code CallRang} …
 * {@code CallEnded}, {@code CallResultCorrected}, {@code CallRecordingAvailable}) become
 * messages on each serving connection's delivery endpoint in the webhooks outbox (live
 * events and uploads, in order per call, each once), and the outbox hands each message
 * back here to be built from the call as it is then and delivered by the connection's
 * connector. Also the signed links the CRMs play recordings from.
 */
@NullMarked
package io.callbridge.crm.push;

import org.jspecify.annotations.NullMarked;
