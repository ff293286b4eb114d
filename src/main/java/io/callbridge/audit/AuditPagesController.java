package io.callbridge.audit;

import java.time.ZoneId;
import java.util.List;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenants;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The admin page of the audit trail: failed logins and admin changes, newest first, with
 * filters.
 */
@Controller
class AuditPagesController {

	private final AuditTrail trail;

	private final Tenants tenants;

	AuditPagesController(AuditTrail trail, Tenants tenants) {
		this.trail = trail;
		this.tenants = tenants;
	}

	@GetMapping("/admin/audit")
	String list(CurrentUser user, AuditQuery query, @RequestParam(defaultValue = "0") int page, Model model) {
		user.require(Role.ADMIN);
		ZoneId zone = this.tenants.get(user.tenantId()).timeZone();
		PageResult<AuditEvent> events = new PageResult<>(List.of(), 0, 50, 0);
		try {
			events = this.trail.search(user.tenantId(), query.toFilter(zone), page, 50);
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
		}
		model.addAttribute("page", events);
		model.addAttribute("filter", query);
		model.addAttribute("categories", AuditCategory.values());
		model.addAttribute("outcomes", AuditOutcome.values());
		model.addAttribute("zone", zone);
		return "admin/audit";
	}

}
