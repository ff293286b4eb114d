package io.callbridge.records;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.callbridge.records.CaseFollowUps.NewFollowUp;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for case follow-ups: every user of the tenant reads and records them; as in
 * VCC they are never edited; an agent deletes only those they recorded, supervisors and
 * admins any.
 */
@RestController
@Tag(name = "Case follow-ups", description = "Dated interactions recorded on a case (VCC's follow-ups)")
class CaseFollowUpsApiController {

	private final CaseFollowUps followUps;

	private final MessageSource messages;

	CaseFollowUpsApiController(CaseFollowUps followUps, MessageSource messages) {
		this.followUps = followUps;
		this.messages = messages;
	}

	@GetMapping("/api/v1/cases/{caseId}/follow-ups")
	@Operation(summary = "A case's follow-ups, most recent first")
	List<CaseFollowUp> forCase(CurrentUser user, @PathVariable long caseId) {
		return this.followUps.forCase(user.tenantId(), caseId);
	}

	@PostMapping("/api/v1/cases/{caseId}/follow-ups")
	@Operation(summary = "Record a follow-up on a case",
			description = "Fields: kind CALL|EMAIL|NOTE|VISIT (required), text (required, at most 4000 characters), "
					+ "occurredAt (ISO-8601, default now), callId (a call of the tenant). The caller is its author. "
					+ "A bad value is a 422 problem naming the field.")
	ResponseEntity<CaseFollowUp> create(CurrentUser user, @PathVariable long caseId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.FollowUpBody.class))) @RequestBody JsonNode body) {
		JsonFields fields = JsonFields.of(body);
		FollowUpKind kind = FollowUpKind.parse(fields.text("kind"), "kind");
		if (kind == null) {
			throw new Problems.InvalidInput("kind", Text.of("followUp.kindRequired"));
		}
		String text = fields.text("text");
		CaseFollowUp created = this.followUps.create(user.tenantId(), caseId, user.userId(),
				new NewFollowUp(kind, (text != null) ? text : "", fields.instant("occurredAt"), fields.id("callId")));
		return ResponseEntity.created(URI.create("/api/v1/follow-ups/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/follow-ups/{followUpId:[0-9]+}")
	@Operation(summary = "One case follow-up",
			description = "Case follow-ups have numeric ids; /api/v1/follow-ups/{id} with a UUID is a listener "
					+ "delivery (admins).")
	CaseFollowUp get(CurrentUser user, @PathVariable long followUpId) {
		return this.followUps.get(user.tenantId(), followUpId);
	}

	@DeleteMapping("/api/v1/follow-ups/{followUpId:[0-9]+}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a follow-up (its author, or a supervisor or admin)")
	void delete(CurrentUser user, @PathVariable long followUpId) {
		CaseFollowUp followUp = this.followUps.get(user.tenantId(), followUpId);
		if (!user.isAtLeast(Role.SUPERVISOR) && (followUp.authorId() == null || followUp.authorId() != user.userId())) {
			throw new Problems.Forbidden(Text.of("followUp.onlyOwn"));
		}
		this.followUps.delete(user.tenantId(), followUpId);
	}

	@PutMapping("/api/v1/follow-ups/{followUpId:[0-9]+}")
	@Operation(summary = "Not allowed: follow-ups are never edited (405)",
			description = "As in VCC, a follow-up is created and deleted, never changed.")
	ResponseEntity<ProblemDetail> replace(@PathVariable long followUpId, Locale locale) {
		return notEditable(locale);
	}

	@PatchMapping("/api/v1/follow-ups/{followUpId:[0-9]+}")
	@Operation(summary = "Not allowed: follow-ups are never edited (405)")
	ResponseEntity<ProblemDetail> patch(@PathVariable long followUpId, Locale locale) {
		return notEditable(locale);
	}

	private ResponseEntity<ProblemDetail> notEditable(Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED,
				Text.of("followUp.notEditable").in(this.messages, locale));
		problem.setType(URI.create(Problems.TYPE_BASE + "method-not-allowed"));
		return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED)
			.header(HttpHeaders.ALLOW, "GET, DELETE")
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem);
	}

}
