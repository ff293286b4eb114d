package io.callbridge.calls.application;

import java.time.Instant;

/**
 * What one reconciliation of a period found.
 *
 * @param from start of the period
 * @param to end of the period
 * @param checked calls the provider listed
 * @param added calls that were not known at all and have been added
 * @param completed known calls whose end had been lost, now completed
 * @param alreadyKnown calls that were complete already and were left as they were
 */
public record ReconciliationReport(Instant from, Instant to, int checked, int added, int completed, int alreadyKnown) {
}
