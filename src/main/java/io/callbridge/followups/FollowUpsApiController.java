package io.callbridge.followups;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.callbridge.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API with which admins see the follow-ups that have not completed (failed or still
 * running) and retry the failed ones.
 */
@RestController
@Tag(name = "Follow-ups",
		description = "Listener deliveries (screen pop, call rules, recordings …) that have not completed; "
				+ "failed ones are retried automatically with growing waits and can be retried by hand. Admins "
				+ "see their tenant's, operators (admins of the default tenant) all.")
class FollowUpsApiController {

	private final FollowUps followUps;

	FollowUpsApiController(FollowUps followUps) {
		this.followUps = followUps;
	}

	@GetMapping("/api/v1/follow-ups")
	@Operation(summary = "Incomplete follow-ups, the oldest first, with counts per state")
	ListingView list(CurrentUser user,
			@Parameter(description = "running, retrying or failed (default: all)") @RequestParam(
					required = false) @Nullable String state,
			@Parameter(description = "most items returned, 1 to " + FollowUpsParams.MAX_LIMIT) @RequestParam(
					defaultValue = "100") int limit) {
		FollowUps.Listing listing = this.followUps.list(user, FollowUpsParams.state(state),
				FollowUpsParams.limit(limit));
		Map<String, Long> counts = new LinkedHashMap<>();
		listing.counts().forEach((each, count) -> counts.put(each.tag(), count));
		return new ListingView(counts, listing.items());
	}

	// Not a number: /api/v1/follow-ups/{number} is a case follow-up (records module).
	@GetMapping("/api/v1/follow-ups/{id:(?![0-9]+$).+}")
	@Operation(summary = "One incomplete follow-up")
	FollowUp get(CurrentUser user, @PathVariable UUID id) {
		return this.followUps.get(user, id);
	}

	@PostMapping("/api/v1/follow-ups/{id}/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Retry a failed follow-up now (409 while it is running)")
	FollowUp retry(CurrentUser user, @PathVariable UUID id) {
		return this.followUps.retry(user, id);
	}

	@PostMapping("/api/v1/follow-ups/retry")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Retry every failed follow-up now (at most " + FollowUps.RETRY_ALL_LIMIT + ")")
	RetriedView retryAll(CurrentUser user) {
		return new RetriedView(this.followUps.retryAll(user));
	}

	/**
	 * Incomplete follow-ups.
	 *
	 * @param counts how many are running, retrying and failed
	 * @param items the oldest ones
	 */
	record ListingView(Map<String, Long> counts, List<FollowUp> items) {
	}

	/**
	 * The answer to "retry all".
	 *
	 * @param retried how many retries started
	 */
	record RetriedView(int retried) {
	}

}
