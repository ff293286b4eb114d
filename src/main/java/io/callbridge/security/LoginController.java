package io.callbridge.security;

import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shows the login page and sends the home page to the agent console. The organisation
 * field appears once there is more than one tenant (or a link names one with
 * {@code ?org=}); users of the default tenant leave it empty.
 */
@Controller
class LoginController {

	private final Tenants tenants;

	LoginController(Tenants tenants) {
		this.tenants = tenants;
	}

	@GetMapping("/login")
	String login(@RequestParam(name = "org", required = false) @Nullable String organisation,
			@RequestParam(required = false) @Nullable String retry, Model model) {
		String typed = (organisation != null) ? organisation.strip() : "";
		model.addAttribute("organisation", typed);
		model.addAttribute("askOrganisation", !typed.isEmpty() || this.tenants.count() > 1);
		Long seconds = seconds(retry);
		if (seconds != null) {
			// Whole minutes above a minute, rounded up: never earlier than the refusal
			// ends.
			model.addAttribute("retrySeconds", (seconds < 60) ? seconds : null);
			model.addAttribute("retryMinutes", (seconds >= 60) ? (seconds + 59) / 60 : null);
		}
		return "login";
	}

	@GetMapping("/")
	String home() {
		return "redirect:/console";
	}

	private static @Nullable Long seconds(@Nullable String retry) {
		if (retry == null || !retry.matches("\\d{1,9}")) {
			return null;
		}
		return Math.max(1, Long.parseLong(retry));
	}

}
