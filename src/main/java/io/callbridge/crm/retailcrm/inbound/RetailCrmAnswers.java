package io.callbridge.crm.retailcrm.inbound;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.callbridge.crm.CrmRequestOutcome;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The answers to retailCRM's requests, in the reader's language: a small
 * {@code {"success": true, …}} when done, and problem+json otherwise that also carries
 * retailCRM's own error members ({@code "success": false}, {@code "errorMsg"}), so a
 * client written for retailCRM's envelope reads it too.
 */
@Component
class RetailCrmAnswers {

	private static final Map<Integer, String> KINDS = Map.of(400, "bad-request", 403, "forbidden", 404, "not-found",
			409, "conflict", 422, "invalid-input", 502, "provider-failure", 503, "unavailable");

	private final MessageSource messages;

	RetailCrmAnswers(MessageSource messages) {
		this.messages = messages;
	}

	/** The refusal of a request that no connection of this connector sent. */
	ResponseEntity<Map<String, Object>> forbidden() {
		return problem(403, null, Text.of("retailcrm.inbound.forbidden"));
	}

	/** The refusal of a request lacking a parameter or with a value it cannot take. */
	ResponseEntity<Map<String, Object>> invalid(String field, Text reason) {
		return problem(422, field, reason);
	}

	/** The answer to what the core did with the request. */
	ResponseEntity<Map<String, Object>> of(CrmRequestOutcome outcome) {
		return switch (outcome) {
			case CrmRequestOutcome.Accepted accepted -> accepted(accepted);
			case CrmRequestOutcome.Refused refused -> problem(refused.status(), refused.field(), refused.reason());
		};
	}

	/** The answer to a problem the core raised instead of answering. */
	ResponseEntity<Map<String, Object>> of(Problems.Problem problem) {
		String field = (problem instanceof Problems.InvalidInput invalid && !invalid.errors().isEmpty())
				? invalid.errors().get(0).field() : null;
		return problem(problem.status(), field, problem.text());
	}

	private ResponseEntity<Map<String, Object>> accepted(CrmRequestOutcome.Accepted accepted) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("success", true);
		body.put("message", text(accepted.detail()));
		if (accepted.originationId() != null) {
			body.put("originationId", accepted.originationId());
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private ResponseEntity<Map<String, Object>> problem(int status, @Nullable String field, Text reason) {
		String detail = text(reason);
		HttpStatus known = HttpStatus.resolve(status);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", URI.create(Problems.TYPE_BASE + KINDS.getOrDefault(status, kindOf(status))).toString());
		body.put("title", (known != null) ? known.getReasonPhrase() : String.valueOf(status));
		body.put("status", status);
		body.put("detail", detail);
		if (field != null) {
			body.put("errors", List.of(Map.of("field", field, "message", detail)));
		}
		body.put("success", false);
		body.put("errorMsg", detail);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
	}

	private static String kindOf(int status) {
		return (status >= 500) ? "internal" : "bad-request";
	}

	private String text(Text text) {
		return text.in(this.messages, LocaleContextHolder.getLocale());
	}

}
