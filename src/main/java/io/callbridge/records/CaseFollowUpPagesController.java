package io.callbridge.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.records.CaseFollowUps.NewFollowUp;
import io.callbridge.records.CasePageModels.FollowUpForm;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Follow-ups recorded and deleted from a case's page: every user records them; as in the
 * API, an agent deletes only those they recorded, supervisors and admins any. They are
 * never edited.
 */
@Controller
class CaseFollowUpPagesController {

	private final CaseFollowUps followUps;

	private final Cases cases;

	private final CasePageModels models;

	CaseFollowUpPagesController(CaseFollowUps followUps, Cases cases, CasePageModels models) {
		this.followUps = followUps;
		this.cases = cases;
		this.models = models;
	}

	@PostMapping("/cases/{id}/follow-ups")
	String add(CurrentUser user, @PathVariable long id, FollowUpForm form, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		this.cases.get(user.tenantId(), id);
		List<FieldError> errors = new ArrayList<>();
		FollowUpKind kind = null;
		try {
			kind = FollowUpKind.parse(form.kind(), "kind");
		}
		catch (Problems.InvalidInput invalid) {
			errors.addAll(invalid.errors());
		}
		if (kind == null && errors.isEmpty()) {
			errors.add(new FieldError("kind", Text.of("followUp.kindRequired")));
		}
		Instant occurredAt = CasePageModels.dateTime(form.occurredAt(), this.models.zone(user), "occurredAt", errors);
		try {
			if (!errors.isEmpty() || kind == null) {
				throw new Problems.InvalidInput(errors);
			}
			this.followUps.create(user.tenantId(), id, user.userId(),
					new NewFollowUp(kind, (form.text() != null) ? form.text() : "", occurredAt, form.callId()));
		}
		catch (Problems.InvalidInput invalid) {
			response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
			return this.models.detail(user, id, form, invalid.errors(), model);
		}
		redirect.addFlashAttribute("notice", "crm.followUpRecorded");
		return "redirect:/cases/" + id;
	}

	@PostMapping("/cases/{id}/follow-ups/{followUpId}/delete")
	String delete(CurrentUser user, @PathVariable long id, @PathVariable long followUpId, RedirectAttributes redirect) {
		CaseFollowUp followUp = this.followUps.get(user.tenantId(), followUpId);
		if (followUp.caseId() != id) {
			throw new Problems.NotFound(Text.of("what.followUp"), followUpId);
		}
		if (!user.isAtLeast(Role.SUPERVISOR) && !Long.valueOf(user.userId()).equals(followUp.authorId())) {
			throw new Problems.Forbidden(Text.of("followUp.onlyOwn"));
		}
		this.followUps.delete(user.tenantId(), followUpId);
		redirect.addFlashAttribute("notice", "crm.followUpDeleted");
		return "redirect:/cases/" + id;
	}

}
