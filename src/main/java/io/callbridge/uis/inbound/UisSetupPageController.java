package io.callbridge.uis.inbound;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.telephony.ExtensionDirectory;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisEmployees;
import io.callbridge.uis.UisUsage;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The UIS setup page of an account ({@code /admin/telephony/{id}/uis}): the URL and the
 * exact body template of each notification to create in UIS, with the event type to
 * choose in the cabinet; the URL of interactive call processing and its answers; how the
 * secret goes in; the API points left; and the UIS employees with the agent each is
 * related to. Admins and supervisors read it; the secret itself is never shown.
 */
@Controller
class UisSetupPageController {

	/** Stands for the secret in the URLs shown: the page never shows the secret. */
	static final String SECRET_PLACEHOLDER = "NOTIFICATION_SECRET";

	private final TelephonyAccounts accounts;

	private final UisUsage usage;

	private final UisEmployees employees;

	private final ExtensionDirectory extensions;

	private final Tenants tenants;

	private final @Nullable String publicUrl;

	UisSetupPageController(TelephonyAccounts accounts, UisUsage usage, UisEmployees employees,
			ExtensionDirectory extensions, Tenants tenants,
			@Value("${callbridge.public-url:}") @Nullable String publicUrl) {
		this.accounts = accounts;
		this.usage = usage;
		this.employees = employees;
		this.extensions = extensions;
		this.tenants = tenants;
		this.publicUrl = (publicUrl == null || publicUrl.isBlank()) ? null : publicUrl.replaceAll("/+$", "");
	}

	@GetMapping("/admin/telephony/{id}/uis")
	String setup(CurrentUser user, @PathVariable long id, Model model) {
		user.require(Role.SUPERVISOR);
		TelephonyAccount account = this.accounts.get(user.tenantId(), id);
		if (!UisWebhookGate.PROVIDER.equals(account.provider())) {
			throw new Problems.NotFound(Text.of("what.uisAccount"), id);
		}
		String base = webhookBase() + UisWebhookGate.PROVIDER + "/" + account.webhookToken();
		String secret = "?" + UisWebhookGate.SECRET_PARAMETER + "=" + SECRET_PLACEHOLDER;
		model.addAttribute("account", account);
		model.addAttribute("events",
				Arrays.stream(UisEventType.values())
					.map((type) -> new EventRow(type.slug(), type.russianName(), type.englishName(),
							base + "/" + type.slug() + secret, type.template()))
					.toList());
		model.addAttribute("routingUrl", base + "/routing" + secret);
		model.addAttribute("refuseCode", UisRoutingController.REFUSE);
		model.addAttribute("proceedCode", UisRoutingController.PROCEED);
		model.addAttribute("secretPlaceholder", SECRET_PLACEHOLDER);
		model.addAttribute("secretHeader", UisWebhookGate.SECRET_HEADER);
		model.addAttribute("hasSecret", hasSecret(account));
		model.addAttribute("points", this.usage.points(account.id()));
		model.addAttribute("employees", employeeRows(account));
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		model.addAttribute("canEdit", user.isAtLeast(Role.ADMIN));
		return "admin/uis-setup";
	}

	private boolean hasSecret(TelephonyAccount account) {
		String secret = this.accounts.cachedCredentials(account).get(UisWebhookGate.SECRET_CREDENTIAL);
		return secret != null && !secret.isBlank();
	}

	private List<EmployeeRow> employeeRows(TelephonyAccount account) {
		Map<String, String> agents = this.extensions.assignedExtensions(account.id());
		return this.employees.list(account.id())
			.stream()
			.map((employee) -> new EmployeeRow(employee, agents.get(employee.id())))
			.toList();
	}

	// As the account list builds webhook URLs: the configured public URL (behind a proxy
	// the server cannot know its public address), else the address of this request.
	private String webhookBase() {
		String root = (this.publicUrl != null) ? this.publicUrl
				: ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
		return root + "/webhooks/";
	}

	/**
	 * One notification to create in UIS.
	 *
	 * @param slug the event's name in Callbridge
	 * @param russianName the event type in the Russian cabinet
	 * @param englishName the event type in the English cabinet
	 * @param url the URL to enter, the secret written as the placeholder
	 * @param template the body template to paste
	 */
	record EventRow(String slug, String russianName, String englishName, String url, String template) {
	}

	/**
	 * A UIS employee and the agent related to it.
	 *
	 * @param employee the employee
	 * @param agentName the related agent's name, if any
	 */
	record EmployeeRow(UisEmployee employee, @Nullable String agentName) {
	}

}
