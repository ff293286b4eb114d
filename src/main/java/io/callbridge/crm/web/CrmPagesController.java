package io.callbridge.crm.web;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import io.callbridge.crm.ConnectionView;
import io.callbridge.crm.ConnectorInfo;
import io.callbridge.crm.CrmConnections;
import io.callbridge.crm.CrmField;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The admin pages of CRM connections: the list with each connection's status (its
 * registration in the CRM, deliveries waiting or failed, failing since, codes the CRM
 * does not know), creating, editing (credentials are write-only: a field left blank keeps
 * the stored value) and deleting a connection. The connection's actions are in
 * {@link CrmConnectionActionsController}.
 */
@Controller
class CrmPagesController {

	static final String BASE = "/admin/crm";

	private final CrmConnections connections;

	private final ConnectionPage page;

	private final PublicBaseUrl publicBaseUrl;

	private final TelephonyAccounts accounts;

	CrmPagesController(CrmConnections connections, ConnectionPage page, PublicBaseUrl publicBaseUrl,
			TelephonyAccounts accounts) {
		this.connections = connections;
		this.page = page;
		this.publicBaseUrl = publicBaseUrl;
		this.accounts = accounts;
	}

	@GetMapping(BASE)
	String list(CurrentUser user, Model model) {
		user.require(Role.ADMIN);
		model.addAttribute("connections", this.connections.list(user.tenantId()));
		model.addAttribute("connectors",
				this.connections.connectors()
					.stream()
					.collect(Collectors.toMap(ConnectorInfo::key, ConnectorInfo::displayName)));
		model.addAttribute("accountNames",
				this.accounts.list(user.tenantId())
					.stream()
					.collect(Collectors.toMap(TelephonyAccount::id, TelephonyAccount::name)));
		model.addAttribute("zone", this.page.zone(user));
		return "admin/crm/connections";
	}

	@GetMapping(BASE + "/new")
	String newForm(CurrentUser user, @RequestParam(required = false) @Nullable String connector, Model model) {
		user.require(Role.ADMIN);
		List<ConnectorInfo> all = this.connections.connectors();
		Optional<ConnectorInfo> chosen = this.page.connector(connector)
			.or(() -> (all.size() == 1) ? Optional.of(all.get(0)) : Optional.empty());
		if (chosen.isEmpty()) {
			model.addAttribute("connectors", all);
			return "admin/crm/choose";
		}
		return this.page.creating(user, model, ConnectionForm.empty(chosen.get().key(), this.publicBaseUrl.byDefault()),
				List.of());
	}

	@PostMapping(BASE)
	String create(CurrentUser user, @RequestParam MultiValueMap<String, String> params, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		ConnectorInfo connector = this.page.requiredConnector(params.getFirst("connector"));
		ConnectionForm form = ConnectionForm.fromRequest(connector.key(), params, connector.fields());
		try {
			ConnectionView created = this.connections.create(user.tenantId(),
					form.toCommand(this.publicBaseUrl.orDefault(form.publicBaseUrl()),
							ConnectionForm.secretsOf(params, connector.fields())));
			redirect.addFlashAttribute("notice", "crmPage.created");
			return "redirect:" + BASE + "/" + created.id();
		}
		catch (Problems.InvalidInput | Problems.Conflict refused) {
			response.setStatus(status(refused));
			return this.page.creating(user, model, form, errors(refused));
		}
	}

	@GetMapping(BASE + "/{id}")
	String detail(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.ADMIN);
		return this.page.existing(user, model, id);
	}

	@PostMapping(BASE + "/{id}")
	String update(CurrentUser user, @PathVariable long id, @RequestParam MultiValueMap<String, String> params,
			Model model, HttpServletResponse response, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		ConnectionView current = this.connections.get(user.tenantId(), id);
		List<CrmField> fields = this.page.fields(current.connector());
		ConnectionForm form = ConnectionForm.fromRequest(current.connector(), params, fields);
		try {
			this.connections.update(user.tenantId(), id, form.toCommand(
					this.publicBaseUrl.orDefault(form.publicBaseUrl()), ConnectionForm.secretsOf(params, fields)));
			redirect.addFlashAttribute("notice", "crmPage.saved");
			return "redirect:" + BASE + "/" + id;
		}
		catch (Problems.InvalidInput | Problems.Conflict refused) {
			response.setStatus(status(refused));
			return this.page.existing(user, model, current, form, errors(refused));
		}
	}

	@PostMapping(BASE + "/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		user.require(Role.ADMIN);
		ConnectionView connection = this.connections.get(user.tenantId(), id);
		this.connections.delete(user.tenantId(), id);
		redirect.addFlashAttribute("deletedName", connection.name());
		return "redirect:" + BASE;
	}

	static int status(Problems.Problem refused) {
		return (refused instanceof Problems.Conflict) ? HttpStatus.CONFLICT.value()
				: HttpStatus.UNPROCESSABLE_CONTENT.value();
	}

	// A conflict names no field; it is shown above the form like the field errors.
	static List<Problems.FieldError> errors(Problems.Problem refused) {
		return (refused instanceof Problems.InvalidInput invalid) ? invalid.errors()
				: List.of(new Problems.FieldError("form", refused.text()));
	}

}
