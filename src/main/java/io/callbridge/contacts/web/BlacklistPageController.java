package io.callbridge.contacts.web;

import io.callbridge.contacts.Blacklist;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The blacklist page: everyone sees it, supervisors and admins change it.
 */
@Controller
class BlacklistPageController {

	private final Blacklist blacklist;

	private final Tenants tenants;

	BlacklistPageController(Blacklist blacklist, Tenants tenants) {
		this.blacklist = blacklist;
		this.tenants = tenants;
	}

	@GetMapping("/blacklist")
	String list(CurrentUser user, Model model) {
		model.addAttribute("entries", this.blacklist.list(user.tenantId()));
		model.addAttribute("canEdit", user.isAtLeast(Role.SUPERVISOR));
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		return "blacklist/list";
	}

	@PostMapping("/blacklist")
	String add(CurrentUser user, @RequestParam String number, @RequestParam(required = false) @Nullable String reason,
			Model model) {
		user.require(Role.SUPERVISOR);
		try {
			this.blacklist.add(user.tenantId(), number, reason, user.userId());
		}
		catch (Problems.InvalidInput | Problems.Conflict refused) {
			model.addAttribute("error", refused.text().localized());
			model.addAttribute("number", number);
			model.addAttribute("reason", reason);
			return list(user, model);
		}
		return "redirect:/blacklist";
	}

	@PostMapping("/blacklist/{id}/delete")
	String remove(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.blacklist.remove(user.tenantId(), id);
		return "redirect:/blacklist";
	}

}
