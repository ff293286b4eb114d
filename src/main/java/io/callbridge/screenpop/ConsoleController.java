package io.callbridge.screenpop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.agents.AgentExtension;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.CallLinking;
import io.callbridge.calls.application.ClickToCall;
import io.callbridge.calls.application.ClickToCall.ClickToCallCommand;
import io.callbridge.calls.application.ClickToCall.Originated;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.calls.application.DispositionService.DispositionCommand;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.Tasks;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.telephony.AccountSettings;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The agent console: the live page, its SSE stream, the call card fragments (htmx) and
 * the actions taken from a card: choose, create or add a contact, record the disposition,
 * and dial.
 */
@Controller
class ConsoleController {

	private final ConsoleConnections connections;

	private final PopupCards cards;

	private final Calls calls;

	private final CallLinking linking;

	private final DispositionService dispositions;

	private final ClickToCall clickToCall;

	private final Contacts contacts;

	private final Tasks tasks;

	private final Agents agents;

	private final Tenants tenants;

	private final TelephonyAccounts accounts;

	ConsoleController(ConsoleConnections connections, PopupCards cards, Calls calls, CallLinking linking,
			DispositionService dispositions, ClickToCall clickToCall, Contacts contacts, Tasks tasks, Agents agents,
			Tenants tenants, TelephonyAccounts accounts) {
		this.accounts = accounts;
		this.connections = connections;
		this.cards = cards;
		this.calls = calls;
		this.linking = linking;
		this.dispositions = dispositions;
		this.clickToCall = clickToCall;
		this.contacts = contacts;
		this.tasks = tasks;
		this.agents = agents;
		this.tenants = tenants;
	}

	@GetMapping("/console")
	String console(CurrentUser user, Model model) {
		Optional<Call> active = this.calls.activeCallOf(user.tenantId(), user.userId());
		model.addAttribute("activeCallId", active.map(Call::id).orElse(null));
		List<AgentExtension> extensions = this.agents.extensionsOf(user.userId());
		model.addAttribute("extensions", extensions);
		model.addAttribute("identities", identities(user.tenantId(), extensions));
		model.addAttribute("openTasks", this.tasks.openForAssignee(user.tenantId(), user.userId()));
		model.addAttribute("recentCalls",
				this.calls.search(user.tenantId(), new CallFilter(null, null, user.userId(), null, null, null), 0, 10)
					.items());
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		return "console/console";
	}

	@GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter events(CurrentUser user) {
		return this.connections.open(user.userId());
	}

	@GetMapping("/console/calls/{id}/card")
	String card(CurrentUser user, @PathVariable long id, Model model) {
		model.addAttribute("card", this.cards.card(user, id));
		return "console/card :: card";
	}

	@PostMapping("/console/calls/{id}/link")
	String link(CurrentUser user, @PathVariable long id, @RequestParam long contactId, Model model) {
		this.linking.link(user, id, contactId);
		return card(user, id, model);
	}

	@PostMapping("/console/calls/{id}/create-contact")
	String createContact(CurrentUser user, @PathVariable long id, @RequestParam String name,
			@RequestParam(required = false) @Nullable String company, Model model) {
		this.linking.createContact(user, id, name, company);
		return card(user, id, model);
	}

	@PostMapping("/console/calls/{id}/add-number")
	String addNumber(CurrentUser user, @PathVariable long id, @RequestParam long contactId, Model model) {
		this.linking.addNumberTo(user, id, contactId);
		return card(user, id, model);
	}

	@GetMapping("/console/calls/{id}/search")
	String search(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "") String q,
			@RequestParam(defaultValue = "link") String mode, Model model) {
		this.calls.get(user.tenantId(), id);
		model.addAttribute("callId", id);
		model.addAttribute("mode", "add".equals(mode) ? "add" : "link");
		model.addAttribute("results",
				q.isBlank() ? List.of() : this.contacts.search(user.tenantId(), q, 0, 10).items());
		model.addAttribute("q", q);
		return "console/card :: searchResults";
	}

	@PostMapping("/console/calls/{id}/disposition")
	String dispose(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String notes,
			@RequestParam(required = false) @Nullable String chargeAmount, Model model) {
		this.dispositions.save(user, id, new DispositionCommand(outcome, notes, amount(chargeAmount), null));
		model.addAttribute("saved", true);
		return card(user, id, model);
	}

	@PostMapping("/console/dial")
	String dial(CurrentUser user, @RequestParam String number, @RequestParam(required = false) @Nullable Long contactId,
			@RequestParam(required = false) @Nullable String callerId, Model model) {
		Originated originated = this.clickToCall.call(user,
				new ClickToCallCommand(number, contactId, null, null, callerId));
		model.addAttribute("originated", originated);
		return "console/card :: dialResult";
	}

	// The identities the agent may call from: their extension on their first account,
	// then that account's further identities (e.g. a private endpoint).
	private List<String> identities(long tenantId, List<AgentExtension> extensions) {
		if (extensions.isEmpty()) {
			return List.of();
		}
		List<String> identities = new ArrayList<>();
		identities.add(extensions.get(0).extension());
		this.accounts.find(extensions.get(0).accountId())
			.filter((a) -> a.tenantId() == tenantId)
			.ifPresent((a) -> identities.addAll(AccountSettings.callerIdentities(a)));
		return identities.stream().distinct().toList();
	}

	private static @Nullable BigDecimal amount(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			throw new Problems.InvalidInput("chargeAmount", "'" + text + "' is not an amount.");
		}
	}

}
