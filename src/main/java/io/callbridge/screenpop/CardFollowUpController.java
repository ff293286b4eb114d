package io.callbridge.screenpop;

import io.callbridge.contacts.Contact;
import io.callbridge.records.CallFollowUpRecorder;
import io.callbridge.records.CallFollowUpRecorder.CallFollowUp;
import io.callbridge.records.CallFollowUpRecorder.Recorded;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jakarta.servlet.http.HttpServletResponse;

/**
 * "Record this call as a follow-up" on the pop-up card: the agent picks one of the
 * caller's open cases or types a subject for a new one, types what was said, and the card
 * comes back with a confirmation (or the refused fields, as typed).
 */
@Controller
class CardFollowUpController {

	private final PopupCards cards;

	private final CallFollowUpRecorder recorder;

	CardFollowUpController(PopupCards cards, CallFollowUpRecorder recorder) {
		this.cards = cards;
		this.recorder = recorder;
	}

	/**
	 * The follow-up form as typed, shown again when it is refused.
	 *
	 * @param caseId the chosen case, {@code null} for a new one
	 * @param subject the new case's subject
	 * @param text what was said
	 */
	record TypedFollowUp(@Nullable Long caseId, @Nullable String subject, @Nullable String text) {
	}

	@PostMapping("/console/calls/{id}/follow-up")
	String record(CurrentUser user, @PathVariable long id, @RequestParam(required = false) @Nullable Long caseId,
			@RequestParam(required = false) @Nullable String subject,
			@RequestParam(required = false) @Nullable String text, Model model, HttpServletResponse response) {
		// The card checks that the viewer may see this call and finds its contact.
		PopupCard card = this.cards.card(user, id);
		Contact contact = card.contact();
		try {
			if (contact == null) {
				throw new Problems.InvalidInput("caseId", Text.of("crm.noContact"));
			}
			Recorded recorded = this.recorder.record(user.tenantId(), user.userId(),
					new CallFollowUp(id, contact.id(), caseId, subject, (text != null) ? text : ""));
			model.addAttribute("recorded", recorded);
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("followUpErrors", invalid.errors());
			model.addAttribute("typedFollowUp", new TypedFollowUp(caseId, subject, text));
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			response.setHeader(ConsoleController.FORM_ERRORS_HEADER, "true");
		}
		CardDigests.show(model, this.cards.card(user, id));
		return "console/card :: card";
	}

}
