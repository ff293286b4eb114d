package io.callbridge.calls.web;

import io.callbridge.calls.application.DispositionService;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page of the tenant's call outcomes: change label, order and whether agents
 * can still choose each, and add new ones. Outcomes are deactivated, never deleted, so
 * old dispositions stay readable.
 */
@Controller
class OutcomePagesController {

	private static final int DEFAULT_POSITION = 100;

	private final DispositionService dispositions;

	OutcomePagesController(DispositionService dispositions) {
		this.dispositions = dispositions;
	}

	@GetMapping("/admin/outcomes")
	String list(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		model.addAttribute("outcomes", this.dispositions.outcomes(user.tenantId(), false));
		return "admin/outcomes";
	}

	@PostMapping("/admin/outcomes")
	String add(CurrentUser user, @RequestParam(defaultValue = "") String code,
			@RequestParam(defaultValue = "") String label, @RequestParam(required = false) @Nullable Integer position,
			Model model, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		String trimmed = code.strip();
		boolean exists = this.dispositions.outcomes(user.tenantId(), false)
			.stream()
			.anyMatch((o) -> o.code().equals(trimmed));
		try {
			if (exists) {
				throw new Problems.InvalidInput("code", Text.of("outcome.codeExists", trimmed));
			}
			this.dispositions.saveOutcome(user.tenantId(), trimmed, label,
					(position != null) ? position : DEFAULT_POSITION, true);
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
			model.addAttribute("newCode", code);
			model.addAttribute("newLabel", label);
			model.addAttribute("newPosition", position);
			return list(user, model);
		}
		redirect.addFlashAttribute("savedCode", trimmed);
		return "redirect:/admin/outcomes";
	}

	@PostMapping("/admin/outcomes/{code}")
	String update(CurrentUser user, @PathVariable String code, @RequestParam(defaultValue = "") String label,
			@RequestParam(required = false) @Nullable Integer position,
			@RequestParam(defaultValue = "false") boolean active, Model model, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		try {
			this.dispositions.saveOutcome(user.tenantId(), code, label,
					(position != null) ? position : DEFAULT_POSITION, active);
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
			return list(user, model);
		}
		redirect.addFlashAttribute("savedCode", code);
		return "redirect:/admin/outcomes";
	}

}
