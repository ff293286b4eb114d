package io.callbridge.statistics.web;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import io.callbridge.statistics.Wallboard;
import io.callbridge.statistics.WallboardService;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The wallboard page for a wall screen (supervisors and admins) and the JSON it reads
 * with the login session (the {@code /api} endpoints take API tokens only). The page
 * draws itself from that JSON, and reads it again whenever the console's live stream says
 * the wallboard changed.
 */
@Controller
class WallboardController {

	private final WallboardService wallboards;

	WallboardController(WallboardService wallboards) {
		this.wallboards = wallboards;
	}

	@GetMapping("/statistics/wallboard")
	String page(CurrentUser user, Model model) {
		user.require(Role.SUPERVISOR);
		model.addAttribute("states", Wallboard.AgentState.values());
		return "statistics/wallboard";
	}

	@GetMapping(path = "/statistics/wallboard/data", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	Wallboard data(CurrentUser user) {
		return this.wallboards.of(user);
	}

}
