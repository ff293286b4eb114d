package io.callbridge.sandbox.web;

import io.callbridge.shared.CurrentUser;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccountService;
import io.callbridge.sandbox.SandboxCall;
import io.callbridge.sandbox.SandboxPbx.Scenario;
import io.callbridge.sandbox.SandboxSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sandbox PBX's control panel page: simulate inbound calls, see the calls on the
 * switch, answer, transfer or hang them up.
 */
@Controller
class SandboxPageController {

	private final SandboxControl control;

	private final TelephonyAccountService accounts;

	SandboxPageController(SandboxControl control, TelephonyAccountService accounts) {
		this.control = control;
		this.accounts = accounts;
	}

	@GetMapping("/sandbox")
	String page(CurrentUser user, Model model) {
		TelephonyAccount account = this.control.account(user, null);
		model.addAttribute("account", account);
		model.addAttribute("ownExtension", this.control.ownExtension(user, account));
		model.addAttribute("endpoints", this.accounts.endpoints(user.tenantId(), account.id()));
		model.addAttribute("scenarios", Scenario.values());
		model.addAttribute("routes", SandboxSettings.of(account).routeToResponsible());
		model.addAttribute("calls", this.control.active(user));
		return "sandbox/sandbox";
	}

	@GetMapping("/sandbox/calls")
	String calls(CurrentUser user, Model model) {
		model.addAttribute("calls", this.control.active(user));
		return "sandbox/sandbox :: calls";
	}

	@PostMapping("/sandbox/calls")
	String simulate(CurrentUser user, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String line,
			@RequestParam(required = false) @Nullable String extension,
			@RequestParam(defaultValue = "MANUAL") Scenario scenario, Model model) {
		SandboxCall call = this.control.simulate(user, null, from, line, extension, scenario);
		model.addAttribute("started", call);
		return calls(user, model);
	}

	@PostMapping("/sandbox/calls/{callId}/answer")
	String answer(CurrentUser user, @PathVariable String callId,
			@RequestParam(required = false) @Nullable String extension, Model model) {
		this.control.answer(user, callId, extension);
		return calls(user, model);
	}

	@PostMapping("/sandbox/calls/{callId}/transfer")
	String transfer(CurrentUser user, @PathVariable String callId, @RequestParam String extension, Model model) {
		this.control.transfer(user, callId, extension);
		return calls(user, model);
	}

	@PostMapping("/sandbox/calls/{callId}/hangup")
	String hangup(CurrentUser user, @PathVariable String callId, Model model) {
		this.control.hangup(user, callId);
		return calls(user, model);
	}

}
