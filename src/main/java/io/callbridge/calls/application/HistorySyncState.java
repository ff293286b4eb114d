package io.callbridge.calls.application;

import java.time.Instant;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * How far an account's calls have been reconciled against the provider's history.
 *
 * @param accountId the telephony account
 * @param syncedUntil calls that started before this have been reconciled
 * @param nextRunAt when the scheduled reconciliation runs next
 * @param lastRunAt when it last ran
 * @param lastChecked calls the provider listed in the last run
 * @param lastAdded calls the last run added (their live events had been lost)
 * @param lastCompleted known calls the last run completed with their end
 * @param lastError the provider's error in the last run, if it failed, in the reader's
 * language
 */
public record HistorySyncState(long accountId, @Nullable Instant syncedUntil, Instant nextRunAt,
		@Nullable Instant lastRunAt, @Nullable Integer lastChecked, @Nullable Integer lastAdded,
		@Nullable Integer lastCompleted, @Nullable Text lastError) {
}
