package io.callbridge.screenpop;

import java.math.BigDecimal;
import java.util.List;

import io.callbridge.calls.Calls;
import io.callbridge.calls.application.CallLinking;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.calls.application.DispositionService.DispositionCommand;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
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
 * The agent console's SSE stream, the call card fragments (htmx) and the actions taken
 * from a card: choose, create or add a contact, and record the disposition.
 */
@Controller
class ConsoleController {

	/**
	 * Marks a form answered with its errors: the page swaps it in although the status
	 * says the input was refused (see app.js).
	 */
	static final String FORM_ERRORS_HEADER = "X-Callbridge-Form-Errors";

	private final ConsoleConnections connections;

	private final PopupCards cards;

	private final Calls calls;

	private final CallLinking linking;

	private final DispositionService dispositions;

	private final Contacts contacts;

	private final CampaignChoices campaignChoices;

	ConsoleController(ConsoleConnections connections, PopupCards cards, Calls calls, CallLinking linking,
			DispositionService dispositions, Contacts contacts, CampaignChoices campaignChoices) {
		this.campaignChoices = campaignChoices;
		this.connections = connections;
		this.cards = cards;
		this.calls = calls;
		this.linking = linking;
		this.dispositions = dispositions;
		this.contacts = contacts;
	}

	@GetMapping(path = "/console/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	@ResponseBody
	SseEmitter events(CurrentUser user, HttpServletResponse response) {
		// A reverse proxy that buffers answers (nginx does by default) would hold the
		// pop-ups back until its buffer filled.
		response.setHeader("X-Accel-Buffering", "no");
		return this.connections.open(user.userId());
	}

	@GetMapping("/console/calls/{id}/card")
	String card(CurrentUser user, @PathVariable long id, Model model) {
		CardDigests.show(model, this.cards.card(user, id));
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
			@RequestParam(required = false) @Nullable String chargeAmount,
			@RequestParam(required = false) @Nullable Long optionId, Model model, HttpServletResponse response) {
		try {
			if (optionId != null) {
				chooseCampaignOption(user, id, optionId, notes);
			}
			else {
				this.dispositions.save(user, id, new DispositionCommand(outcome, notes, amount(chargeAmount), null));
			}
		}
		catch (Problems.InvalidInput | Problems.Conflict refused) {
			// The card comes back with the errors by the fields and what was typed, and
			// without any earlier "saved" notice.
			model.addAttribute("errors", (refused instanceof Problems.InvalidInput invalid) ? invalid.errors()
					: List.of(new Problems.FieldError("optionId", refused.text())));
			model.addAttribute("typed",
					new TypedDisposition((optionId != null) ? String.valueOf(optionId) : outcome, notes, chargeAmount));
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			response.setHeader(FORM_ERRORS_HEADER, "true");
			return card(user, id, model);
		}
		model.addAttribute("saved", true);
		return card(user, id, model);
	}

	// A campaign call's disposition is the contact's in the campaign; the card offers
	// it only when the call has a contact.
	private void chooseCampaignOption(CurrentUser user, long callId, long optionId, @Nullable String notes) {
		io.callbridge.calls.Call call = this.calls.get(user.tenantId(), callId);
		if (call.contactId() == null) {
			throw new Problems.InvalidInput("optionId", Text.of("campaignDisposition.needsContact"));
		}
		this.campaignChoices.choose(user, call, call.contactId(), optionId, notes);
	}

	/**
	 * A disposition form as typed, shown again when it is refused.
	 *
	 * @param outcome outcome code
	 * @param notes notes
	 * @param chargeAmount charge as typed
	 */
	record TypedDisposition(@Nullable String outcome, @Nullable String notes, @Nullable String chargeAmount) {
	}

	/** A charge as typed, with a comma or a point as decimal separator. */
	static @Nullable BigDecimal amount(@Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip().replace(',', '.'));
		}
		catch (NumberFormatException ex) {
			throw new Problems.InvalidInput("chargeAmount", Text.of("problem.chargeAmount.invalid", text));
		}
	}

}
