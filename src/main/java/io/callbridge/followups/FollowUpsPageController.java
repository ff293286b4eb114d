package io.callbridge.followups;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page of follow-ups that have not completed: counts per state, the oldest ones
 * with their listener, event, attempts, last error and next retry, and "retry now" per
 * failed follow-up or for all of them.
 */
@Controller
class FollowUpsPageController {

	private static final int PAGE_LIMIT = 200;

	private final FollowUps followUps;

	private final Tenants tenants;

	private final FollowUpRetryProperties properties;

	private final MessageSource messages;

	FollowUpsPageController(FollowUps followUps, Tenants tenants, FollowUpRetryProperties properties,
			MessageSource messages) {
		this.followUps = followUps;
		this.tenants = tenants;
		this.properties = properties;
		this.messages = messages;
	}

	@GetMapping("/admin/follow-ups")
	String list(CurrentUser user, @RequestParam(required = false) @Nullable String state, Model model) {
		user.require(Role.ADMIN);
		FollowUpState filter = FollowUpsParams.state(state);
		FollowUps.Listing listing = this.followUps.list(user, filter, PAGE_LIMIT);
		model.addAttribute("listing", listing);
		model.addAttribute("retryable",
				listing.counts().get(FollowUpState.RETRYING) + listing.counts().get(FollowUpState.FAILED));
		model.addAttribute("state", filter);
		model.addAttribute("states", FollowUpState.values());
		model.addAttribute("limit", PAGE_LIMIT);
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		model.addAttribute("stuckAfter", humane(this.properties.stuckAfter()));
		model.addAttribute("maxRetries", this.properties.maxRetries());
		return "admin/follow-ups";
	}

	@PostMapping("/admin/follow-ups/{id}/retry")
	String retry(CurrentUser user, @PathVariable UUID id, Locale locale, RedirectAttributes redirect) {
		try {
			FollowUp followUp = this.followUps.retry(user, id);
			redirect.addFlashAttribute("notice",
					Text.of("followups.retried", followUp.listener()).in(this.messages, locale));
		}
		catch (Problems.NotFound | Problems.Conflict problem) {
			redirect.addFlashAttribute("problem", problem.text().in(this.messages, locale));
		}
		return "redirect:/admin/follow-ups";
	}

	@PostMapping("/admin/follow-ups/retry-all")
	String retryAll(CurrentUser user, Locale locale, RedirectAttributes redirect) {
		int started = this.followUps.retryAll(user);
		redirect.addFlashAttribute("notice",
				Text.of("followups.retriedAll", String.valueOf(started)).in(this.messages, locale));
		return "redirect:/admin/follow-ups";
	}

	/** A duration as people write it: whole minutes as "5 min", otherwise seconds. */
	static String humane(Duration duration) {
		if (duration.toSeconds() >= 60 && duration.toSecondsPart() == 0) {
			return duration.toMinutes() + " min";
		}
		return Math.max(1, duration.toSeconds()) + " s";
	}

}
