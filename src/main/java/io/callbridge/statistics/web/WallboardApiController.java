package io.callbridge.statistics.web;

import io.callbridge.shared.CurrentUser;
import io.callbridge.statistics.Wallboard;
import io.callbridge.statistics.WallboardService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API of the live wallboard (supervisors and admins): what a wall screen shows now.
 */
@RestController
@Tag(name = "Statistics", description = "Call statistics of the tenant and its live wallboard")
class WallboardApiController {

	private final WallboardService wallboards;

	WallboardApiController(WallboardService wallboards) {
		this.wallboards = wallboards;
	}

	@GetMapping("/api/v1/statistics/wallboard")
	@Operation(
			summary = "The live wallboard: calls ringing and in progress, the caller waiting longest, agents by "
					+ "state and today's figures (supervisors and admins; agents get 403)",
			description = "Durations are not included: each call and agent says since when, and 'now' is the "
					+ "server's time of the reading. Lists at most 200 calls in progress (the oldest); 'moreCalls' "
					+ "says when there are more.")
	Wallboard wallboard(CurrentUser user) {
		return this.wallboards.of(user);
	}

}
