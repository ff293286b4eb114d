package io.callbridge.security;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin page of API tokens: the list, issuing a token (its secret is shown once, in
 * the answer to the form, and never stored in the session) and revoking.
 */
@Controller
class ApiTokenPagesController {

	private static final int MAX_NAME = 100;

	private final ApiTokens tokens;

	private final Agents agents;

	private final Tenants tenants;

	ApiTokenPagesController(ApiTokens tokens, Agents agents, Tenants tenants) {
		this.tokens = tokens;
		this.agents = agents;
		this.tenants = tenants;
	}

	@GetMapping("/admin/api-tokens")
	String list(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		List<Agent> users = this.agents.list(user.tenantId());
		Map<Long, Agent> usersById = users.stream().collect(Collectors.toMap(Agent::id, Function.identity()));
		model.addAttribute("tokens", this.tokens.list(user.tenantId()));
		model.addAttribute("users", users);
		model.addAttribute("usersById", usersById);
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		if (!model.containsAttribute("selectedUserId")) {
			model.addAttribute("selectedUserId", user.userId());
		}
		return "admin/api-tokens";
	}

	@PostMapping("/admin/api-tokens")
	String issue(CurrentUser user, @RequestParam(defaultValue = "") String name,
			@RequestParam(required = false) @Nullable Long userId, Model model) {
		user.require(Role.ADMIN);
		long actsAs = (userId != null) ? this.agents.get(user.tenantId(), userId).id() : user.userId();
		String trimmed = name.strip();
		if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
			model.addAttribute("errors",
					List.of(new Problems.FieldError("name", Text.of("token.nameRequired", String.valueOf(MAX_NAME)))));
			model.addAttribute("newName", name);
			model.addAttribute("selectedUserId", actsAs);
			return list(user, model);
		}
		model.addAttribute("issued", this.tokens.issue(user.tenantId(), actsAs, trimmed));
		return list(user, model);
	}

	@PostMapping("/admin/api-tokens/{id}/revoke")
	String revoke(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		this.tokens.revoke(user.tenantId(), id);
		redirect.addFlashAttribute("revokedName", this.tokens.get(user.tenantId(), id).name());
		return "redirect:/admin/api-tokens";
	}

}
