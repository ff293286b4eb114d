package io.callbridge.webhooks.web;

import java.util.HashMap;
import java.util.Map;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems.InvalidInput;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenants;
import io.callbridge.webhooks.CrmTriggers;
import io.callbridge.webhooks.CrmTriggers.CrmTrigger;
import io.callbridge.webhooks.CrmTriggers.CrmTriggerSettings;
import io.callbridge.webhooks.CrmTriggers.CrmTriggersCommand;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.WebhookEndpoint;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages of Integration: its index and VCC's CRM-triggers form (a URL per object
 * and event, the HTTP method and signing), with each trigger's last delivery.
 */
@Controller
class CrmTriggerPagesController {

	private final CrmTriggers triggers;

	private final EndpointSummaries summaries;

	private final Tenants tenants;

	CrmTriggerPagesController(CrmTriggers triggers, EndpointSummaries summaries, Tenants tenants) {
		this.triggers = triggers;
		this.summaries = summaries;
		this.tenants = tenants;
	}

	@GetMapping("/admin/integration")
	String index(CurrentUser user) {
		user.require(Role.ADMIN);
		return "admin/integration/index";
	}

	@GetMapping("/admin/integration/crm-triggers")
	String form(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		CrmTriggerSettings settings = this.triggers.get(user.tenantId());
		if (!model.containsAttribute("urls")) {
			Map<String, String> urls = new HashMap<>();
			for (CrmTrigger trigger : settings.triggers()) {
				String url = trigger.url();
				urls.put(trigger.row().eventType(), (url != null) ? url : "");
			}
			model.addAttribute("urls", urls);
			model.addAttribute("method", settings.method());
			model.addAttribute("signed", settings.signed());
		}
		Map<String, EndpointSummary> statuses = new HashMap<>();
		for (CrmTrigger trigger : settings.triggers()) {
			WebhookEndpoint endpoint = trigger.endpoint();
			if (endpoint != null) {
				statuses.put(trigger.row().eventType(), this.summaries.of(endpoint));
			}
		}
		model.addAttribute("settings", settings);
		model.addAttribute("statuses", statuses);
		model.addAttribute("rows", CrmTriggers.ROWS);
		Map<String, String> formats = new HashMap<>();
		CrmTriggers.ROWS.forEach((row) -> formats.put(row.object(), row.formattedString()));
		model.addAttribute("formats", formats);
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		return "admin/integration/crm-triggers";
	}

	@PostMapping("/admin/integration/crm-triggers")
	String save(CurrentUser user, @RequestParam Map<String, String> fields,
			@RequestParam(defaultValue = "GET") String method, @RequestParam(required = false) @Nullable String signed,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		Map<String, String> urls = new HashMap<>();
		CrmTriggers.ROWS.forEach((row) -> urls.put(row.eventType(), fields.getOrDefault(row.eventType(), "")));
		EndpointMethod chosen = "POST".equals(method) ? EndpointMethod.POST : EndpointMethod.GET;
		try {
			this.triggers.save(user.tenantId(), new CrmTriggersCommand(chosen, signed != null, urls));
		}
		catch (InvalidInput ex) {
			response.setStatus(422);
			model.addAttribute("errors", ex.errors());
			model.addAttribute("urls", urls);
			model.addAttribute("method", chosen);
			model.addAttribute("signed", signed != null);
			return form(user, model);
		}
		redirect.addFlashAttribute("saved", Boolean.TRUE);
		return "redirect:/admin/integration/crm-triggers";
	}

}
