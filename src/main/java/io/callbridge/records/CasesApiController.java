package io.callbridge.records;

import java.net.URI;
import java.util.List;

import io.callbridge.records.Cases.CaseEdit;
import io.callbridge.records.Cases.CaseFilter;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for cases. As for contacts, every user of the tenant reads, opens and edits
 * cases; deleting one (with its follow-ups) takes a supervisor or an admin.
 */
@RestController
@Tag(name = "Cases", description = "Cases of customers (VCC's cases) and the calls linked to them")
class CasesApiController {

	private static final String FIELDS = "Fields: subject (required, at most 200 characters), description (at most "
			+ "4000), status OPEN|PENDING|CLOSED, priority LOW|NORMAL|HIGH|URGENT, assigneeId (an agent of the "
			+ "tenant or null).";

	private final Cases cases;

	CasesApiController(Cases cases) {
		this.cases = cases;
	}

	@GetMapping("/api/v1/customers/{customerId}/cases")
	@Operation(summary = "A customer's cases, newest first")
	List<Case> forCustomer(CurrentUser user, @PathVariable long customerId) {
		return this.cases.forCustomer(user.tenantId(), customerId);
	}

	@PostMapping("/api/v1/customers/{customerId}/cases")
	@Operation(summary = "Open a case for a customer",
			description = FIELDS + " status defaults to OPEN, priority to NORMAL; callIds links calls of the tenant. "
					+ "A bad value is a 422 problem naming the field.")
	ResponseEntity<Case> create(CurrentUser user, @PathVariable long customerId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.CaseBody.class))) @RequestBody JsonNode body) {
		JsonFields fields = JsonFields.of(body);
		Case created = this.cases.create(user.tenantId(), user.userId(),
				new NewCase(customerId, orEmpty(fields.text("subject")), fields.text("description"),
						CaseStatus.parse(fields.text("status"), "status"),
						CasePriority.parse(fields.text("priority"), "priority"), fields.id("assigneeId"),
						fields.ids("callIds")));
		return ResponseEntity.created(URI.create("/api/v1/cases/" + created.id())).body(created);
	}

	@GetMapping("/api/v1/cases")
	@Operation(summary = "The tenant's cases, most recently changed first, paged and filtered")
	PageResult<Case> list(CurrentUser user,
			@Parameter(description = "OPEN, PENDING or CLOSED") @RequestParam(required = false) @Nullable String status,
			@Parameter(description = "only this agent's cases") @RequestParam(
					required = false) @Nullable Long assigneeId,
			@Parameter(description = "only this customer's cases") @RequestParam(
					required = false) @Nullable Long customerId,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.cases.page(user.tenantId(),
				new CaseFilter(CaseStatus.parse(status, "status"), assigneeId, customerId), page, size);
	}

	@GetMapping("/api/v1/cases/{id}")
	Case get(CurrentUser user, @PathVariable long id) {
		return this.cases.get(user.tenantId(), id);
	}

	@PutMapping("/api/v1/cases/{id}")
	@Operation(summary = "Replace a case's fields",
			description = FIELDS + " Every field is replaced: status and priority are required, a missing "
					+ "description or assigneeId clears it.")
	Case replace(CurrentUser user, @PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.CaseBody.class))) @RequestBody JsonNode body) {
		JsonFields fields = JsonFields.of(body);
		this.cases.get(user.tenantId(), id);
		return this.cases.update(user.tenantId(), id,
				new CaseEdit(orEmpty(fields.text("subject")), fields.text("description"),
						CaseStatus.parse(fields.text("status"), "status"),
						CasePriority.parse(fields.text("priority"), "priority"), fields.id("assigneeId")));
	}

	@PatchMapping("/api/v1/cases/{id}")
	@Operation(summary = "Change some of a case's fields",
			description = FIELDS + " Only the fields sent change; null clears description or assigneeId.")
	Case patch(CurrentUser user, @PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.CaseBody.class))) @RequestBody JsonNode body) {
		JsonFields fields = JsonFields.of(body);
		CaseEdit current = CaseEdit.of(this.cases.get(user.tenantId(), id));
		return this.cases.update(user.tenantId(), id,
				new CaseEdit(fields.has("subject") ? orEmpty(fields.text("subject")) : current.subject(),
						fields.has("description") ? fields.text("description") : current.description(),
						fields.has("status") ? CaseStatus.parse(fields.text("status"), "status") : current.status(),
						fields.has("priority") ? CasePriority.parse(fields.text("priority"), "priority")
								: current.priority(),
						fields.has("assigneeId") ? fields.id("assigneeId") : current.assigneeId()));
	}

	@DeleteMapping("/api/v1/cases/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a case with its follow-ups (supervisors and admins)",
			description = "Its tasks stay with the customer and lose the case.")
	void delete(CurrentUser user, @PathVariable long id) {
		user.require(Role.SUPERVISOR);
		this.cases.delete(user.tenantId(), id);
	}

	@PostMapping("/api/v1/cases/{id}/calls")
	@Operation(summary = "Link a call of the tenant to a case", description = "Body: {\"callId\": 42}.")
	Case linkCall(CurrentUser user, @PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.CallLinkBody.class))) @RequestBody JsonNode body) {
		JsonFields fields = JsonFields.of(body);
		Long callId = fields.id("callId");
		if (callId == null) {
			throw new Problems.InvalidInput("callId", Text.of("records.notId", "callId"));
		}
		return this.cases.linkCall(user.tenantId(), id, callId);
	}

	@DeleteMapping("/api/v1/cases/{id}/calls/{callId}")
	@Operation(summary = "Unlink a call from a case")
	Case unlinkCall(CurrentUser user, @PathVariable long id, @PathVariable long callId) {
		return this.cases.unlinkCall(user.tenantId(), id, callId);
	}

	private static String orEmpty(@Nullable String value) {
		return (value != null) ? value : "";
	}

}
