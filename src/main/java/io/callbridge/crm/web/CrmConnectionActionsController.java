package io.callbridge.crm.web;

import java.util.List;

import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.web.CrmApiViews.CheckView;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import static io.callbridge.crm.web.CrmPagesController.BASE;

/**
 * What an admin does with a connection from its page: check it and connect it (the CRM's
 * answer is shown in place with htmx, or on the page without), save the managers'
 * mapping, and replay a delivery of its log.
 */
@Controller
class CrmConnectionActionsController {

	private static final String RESULT = "admin/crm/actions :: result";

	private final CrmConnections connections;

	private final ConnectionDeliveries deliveries;

	private final ConnectionPage page;

	CrmConnectionActionsController(CrmConnections connections, ConnectionDeliveries deliveries, ConnectionPage page) {
		this.connections = connections;
		this.deliveries = deliveries;
		this.page = page;
	}

	@PostMapping(BASE + "/{id}/check")
	String check(CurrentUser user, @PathVariable long id,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		user.require(Role.ADMIN);
		this.connections.get(user.tenantId(), id);
		try {
			model.addAttribute("check", CheckView.of(this.connections.check(user.tenantId(), id)));
		}
		catch (Problems.InvalidInput | Problems.Conflict | Problems.ProviderFailure problem) {
			model.addAttribute("actionError", problem.text());
		}
		return (htmx != null) ? RESULT : this.page.existing(user, model, id);
	}

	@PostMapping(BASE + "/{id}/connect")
	String connect(CurrentUser user, @PathVariable long id,
			@RequestHeader(name = "HX-Request", required = false) @Nullable String htmx, Model model) {
		user.require(Role.ADMIN);
		this.connections.get(user.tenantId(), id);
		try {
			ConnectionView connected = this.connections.connect(user.tenantId(), id);
			model.addAttribute("registration", connected.registration());
		}
		catch (Problems.InvalidInput | Problems.Conflict | Problems.ProviderFailure problem) {
			model.addAttribute("actionError", problem.text());
		}
		model.addAttribute("zone", this.page.zone(user));
		return (htmx != null) ? RESULT : this.page.existing(user, model, id);
	}

	@PostMapping(BASE + "/{id}/managers")
	String saveManagers(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		ConnectionView connection = this.connections.get(user.tenantId(), id);
		ManagerForm form = ManagerForm.fromRequest(params);
		try {
			this.connections.saveManagers(user.tenantId(), id, form.commands());
			redirect.addFlashAttribute("notice", "crmPage.managersSaved");
			return "redirect:" + BASE + "/" + id + "#managers";
		}
		catch (Problems.InvalidInput | Problems.Conflict refused) {
			response.setStatus(CrmPagesController.status(refused));
			model.addAttribute("managerErrors", CrmPagesController.errors(refused));
			model.addAttribute("managerInput", form.values());
			return this.page.existing(user, model, connection, ConnectionForm.of(connection), List.of());
		}
	}

	@PostMapping(BASE + "/{id}/deliveries/{deliveryId}/replay")
	String replay(CurrentUser user, @PathVariable long id, @PathVariable long deliveryId, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		this.deliveries.replay(user.tenantId(), id, deliveryId);
		redirect.addFlashAttribute("notice", "crmPage.replayed");
		return "redirect:" + BASE + "/" + id + "#deliveries";
	}

}
