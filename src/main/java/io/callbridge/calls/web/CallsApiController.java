package io.callbridge.calls.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.callbridge.calls.Call;
import io.callbridge.calls.CallEventRecord;
import io.callbridge.calls.CallFilter;
import io.callbridge.calls.Calls;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.DispositionOutcome;
import io.callbridge.calls.application.CallLinking;
import io.callbridge.calls.application.ClickToCall;
import io.callbridge.calls.application.ClickToCall.ClickToCallCommand;
import io.callbridge.calls.application.ClickToCall.Originated;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.calls.application.DispositionService.DispositionCommand;
import io.callbridge.shared.CsvCells;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Role;
import io.callbridge.tenants.Tenants;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for calls: the history with filters and CSV export, a call with its timeline,
 * dispositions, linking a call to a contact, click-to-call, and the tenant's outcome
 * list.
 */
@RestController
@Tag(name = "Calls", description = "Call records, dispositions and click-to-call")
class CallsApiController {

	private final Calls calls;

	private final DispositionService dispositions;

	private final ClickToCall clickToCall;

	private final CallLinking linking;

	private final Tenants tenants;

	private final CallCsv csv;

	CallsApiController(Calls calls, DispositionService dispositions, ClickToCall clickToCall, CallLinking linking,
			Tenants tenants, CallCsv csv) {
		this.calls = calls;
		this.dispositions = dispositions;
		this.clickToCall = clickToCall;
		this.linking = linking;
		this.tenants = tenants;
		this.csv = csv;
	}

	@GetMapping("/api/v1/calls")
	@Operation(summary = "The call history, newest first. Dates: YYYY-MM-DD in the tenant's zone, or ISO-8601")
	PageResult<CallView> list(CurrentUser user, @ParameterObject CallFilterParams filter,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		PageResult<Call> calls = this.calls.search(user.tenantId(), filter.toFilter(zone(user)), page, size);
		List<Long> ids = calls.items().stream().map(Call::id).toList();
		Map<Long, Disposition> byCall = this.dispositions.forCalls(user.tenantId(), ids);
		Map<Long, List<Long>> rang = this.calls.rangAgents(user.tenantId(), ids);
		return calls.map((call) -> CallView.of(call, byCall.get(call.id()), rang.getOrDefault(call.id(), List.of())));
	}

	@GetMapping(path = "/api/v1/calls/export", produces = "text/csv")
	@Operation(summary = "The filtered call history as CSV (at most 100,000 rows)",
			description = "UTF-8 with a byte order mark; times in the tenant's zone; durations in whole seconds; "
					+ "amounts as plain decimals with at least two decimals. Columns are separated by ';' (with a "
					+ "decimal comma) when the reader's language (Accept-Language) is Spanish, by ',' (with a "
					+ "decimal point) otherwise, unless separator=comma|semicolon. agents_rung names the agents "
					+ "the call rang. Cells starting with = + - @ get a leading apostrophe, except numbers.")
	void export(CurrentUser user, @ParameterObject CallFilterParams filter,
			@Parameter(description = "comma or semicolon; default: the reader's language") @RequestParam(
					required = false) @Nullable String separator,
			Locale locale, HttpServletResponse response) throws IOException {
		CallFilter callFilter = filter.toFilter(zone(user));
		char delimiter = CsvCells.separator(separator, locale);
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"calls.csv\"");
		this.csv.write(user.tenantId(), zone(user), callFilter, delimiter, response.getWriter());
	}

	@GetMapping("/api/v1/calls/{id}")
	CallView get(CurrentUser user, @PathVariable long id) {
		return view(user, this.calls.get(user.tenantId(), id));
	}

	@GetMapping("/api/v1/calls/{id}/events")
	@Operation(summary = "The call's timeline of normalized events, with each raw provider payload")
	List<CallEventRecord> events(CurrentUser user, @PathVariable long id) {
		return this.calls.timeline(user.tenantId(), id);
	}

	@PutMapping("/api/v1/calls/{id}/disposition")
	@Operation(summary = "Record or change the call's outcome, notes and charge")
	Disposition dispose(CurrentUser user, @PathVariable long id, @RequestBody DispositionRequest request) {
		return this.dispositions.save(user, id, new DispositionCommand(request.outcome(), request.notes(),
				request.chargeAmount(), request.chargeCurrency()));
	}

	@PutMapping("/api/v1/calls/{id}/contact")
	@Operation(summary = "Link the call to a contact")
	CallView link(CurrentUser user, @PathVariable long id, @Valid @RequestBody LinkRequest request) {
		return view(user, this.linking.link(user, id, request.contactId()));
	}

	@PostMapping("/api/v1/click-to-call")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Call a number from the agent's extension; 202 means the provider accepted the request")
	Originated call(CurrentUser user, @Valid @RequestBody ClickToCallRequest request) {
		return this.clickToCall.call(user, new ClickToCallCommand(request.number(), request.contactId(),
				request.accountId(), request.agentId(), request.callerId()));
	}

	@GetMapping("/api/v1/disposition-outcomes")
	List<DispositionOutcome> outcomes(CurrentUser user, @RequestParam(defaultValue = "false") boolean all) {
		return this.dispositions.outcomes(user.tenantId(), !all);
	}

	@PutMapping("/api/v1/disposition-outcomes/{code}")
	@Operation(summary = "Create or change an outcome; deactivate instead of deleting to keep history readable")
	DispositionOutcome saveOutcome(CurrentUser user, @PathVariable String code,
			@Valid @RequestBody OutcomeRequest request) {
		user.require(Role.ADMIN);
		return this.dispositions.saveOutcome(user.tenantId(), code, request.label(),
				(request.position() != null) ? request.position() : 100, request.active() == null || request.active());
	}

	private CallView view(CurrentUser user, Call call) {
		return CallView.of(call, this.dispositions.find(user.tenantId(), call.id()).orElse(null),
				this.calls.rangAgents(user.tenantId(), List.of(call.id())).getOrDefault(call.id(), List.of()));
	}

	private java.time.ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	/**
	 * A disposition.
	 *
	 * @param outcome outcome code
	 * @param notes notes
	 * @param chargeAmount charge
	 * @param chargeCurrency charge currency (default: the tenant's)
	 */
	record DispositionRequest(@Nullable String outcome, @Nullable String notes, @Nullable BigDecimal chargeAmount,
			@Nullable String chargeCurrency) {
	}

	/**
	 * A contact to link.
	 *
	 * @param contactId the contact
	 */
	record LinkRequest(@NotNull Long contactId) {
	}

	/**
	 * A click-to-call request.
	 *
	 * @param number number in any format
	 * @param contactId contact being called
	 * @param accountId telephony account (default: the agent's first)
	 * @param agentId agent to call for (supervisors only; default: the caller)
	 * @param callerId identity to call from: the agent's extension (default) or one of
	 * the account's caller identities
	 */
	record ClickToCallRequest(@NotBlank String number, @Nullable Long contactId, @Nullable Long accountId,
			@Nullable Long agentId, @Nullable String callerId) {
	}

	/**
	 * An outcome.
	 *
	 * @param label label
	 * @param position order
	 * @param active whether selectable
	 */
	record OutcomeRequest(@NotBlank String label, @Nullable Integer position, @Nullable Boolean active) {
	}

}
