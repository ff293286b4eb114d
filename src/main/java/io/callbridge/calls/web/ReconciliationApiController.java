package io.callbridge.calls.web;

import java.time.Instant;

import io.callbridge.calls.application.CallHistoryReconciliation;
import io.callbridge.calls.application.HistorySyncState;
import io.callbridge.calls.application.ReconciliationReport;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for reconciling an account's calls with the provider's own history: the
 * scheduled run's state, and a backfill of a chosen period (supervisors and admins).
 */
@RestController
@Tag(name = "Telephony accounts")
class ReconciliationApiController {

	private final CallHistoryReconciliation reconciliation;

	ReconciliationApiController(CallHistoryReconciliation reconciliation) {
		this.reconciliation = reconciliation;
	}

	@GetMapping("/api/v1/telephony-accounts/{id}/reconciliation")
	@Operation(summary = "The scheduled reconciliation's state: how far it got, its last result or error")
	SyncStateView state(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		return this.reconciliation.state(user.tenantId(), id)
			.map(SyncStateView::of)
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.reconciliationState"), id));
	}

	/**
	 * How far an account's calls have been reconciled, the last error in the reader's
	 * language (Accept-Language).
	 *
	 * @param accountId the telephony account
	 * @param syncedUntil calls that started before this have been reconciled
	 * @param nextRunAt when the scheduled reconciliation runs next
	 * @param lastRunAt when it last ran
	 * @param lastChecked calls the provider listed in the last run
	 * @param lastAdded calls the last run added
	 * @param lastCompleted known calls the last run completed with their end
	 * @param lastError the provider's error in the last run, if it failed
	 */
	record SyncStateView(long accountId, @Nullable Instant syncedUntil, Instant nextRunAt, @Nullable Instant lastRunAt,
			@Nullable Integer lastChecked, @Nullable Integer lastAdded, @Nullable Integer lastCompleted,
			@Nullable String lastError) {

		static SyncStateView of(HistorySyncState state) {
			return new SyncStateView(state.accountId(), state.syncedUntil(), state.nextRunAt(), state.lastRunAt(),
					state.lastChecked(), state.lastAdded(), state.lastCompleted(),
					(state.lastError() != null) ? state.lastError().localized() : null);
		}

	}

	@PostMapping("/api/v1/telephony-accounts/{id}/reconciliations")
	@Operation(summary = "Reconciles a period (at most 92 days) with the provider's call history: "
			+ "adds calls whose events were lost, completes calls whose end was lost, never duplicates")
	ReconciliationReport reconcile(CurrentUser user, @PathVariable long id, @Valid @RequestBody Period period) {
		user.require(Role.ADMIN);
		return this.reconciliation.reconcile(user.tenantId(), id, period.from(), period.to());
	}

	/**
	 * A period to reconcile.
	 *
	 * @param from start, inclusive (ISO-8601 instant)
	 * @param to end, exclusive (ISO-8601 instant)
	 */
	record Period(@NotNull Instant from, @NotNull Instant to) {
	}

}
