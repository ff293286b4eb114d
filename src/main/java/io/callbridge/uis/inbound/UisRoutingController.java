package io.callbridge.uis.inbound;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.shared.Text;
import io.callbridge.telephony.CallStartDecider;
import io.callbridge.telephony.CallStartDecision;
import io.callbridge.telephony.CallStartQuery;
import io.callbridge.telephony.DeadlineCallStartDecider;
import io.callbridge.telephony.TelephonyAccount;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.uis.UisEmployee;
import io.callbridge.uis.UisEmployees;
import io.callbridge.uis.inbound.UisWebhookGate.Admission;
import io.callbridge.telephony.ProviderWebhook;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * Interactive call processing: a UIS scenario operation ("Запрос к внешней системе") asks
 * {@code /webhooks/uis/{token}/routing} with {@code numa}, {@code numb} and
 * {@code call_session_id} how to route a starting call, and gets one of the answers UIS
 * documents, decided within {@code callbridge.uis.decision-deadline}: a blacklisted
 * caller {@code {"returned_code": 1}} (the admin links code 1 to a hang-up); a known
 * caller with a responsible agent {@code {"phones": [...]}}, the phones of the agent's
 * UIS employee, with the caller's name whispered to the employee
 * ({@code "operator_text"}); anything else {@code {"returned_code": 2}} (linked to the
 * scenario's usual continuation).
 */
@RestController
@ProviderWebhook
class UisRoutingController {

	/** The returned code of a refused (blacklisted) caller. */
	static final int REFUSE = 1;

	/** The returned code of a call the scenario handles as usual. */
	static final int PROCEED = 2;

	private static final Logger log = LoggerFactory.getLogger(UisRoutingController.class);

	private final UisWebhookGate gate;

	private final UisEmployees employees;

	private final DeadlineCallStartDecider decider;

	UisRoutingController(UisWebhookGate gate, TelephonyAccounts accounts, CallStartDecider decider,
			UisEmployees employees, @Value("${callbridge.uis.decision-deadline:300ms}") Duration deadline) {
		this.gate = gate;
		this.employees = employees;
		this.decider = new DeadlineCallStartDecider(new UisCallStartPolicy(decider, accounts), deadline);
	}

	@RequestMapping(path = "/webhooks/uis/{token}/routing", method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<?> route(@PathVariable String token, HttpServletRequest request) throws IOException {
		Admission admission = this.gate.admit(token, request);
		if (admission.refusal() != null) {
			return admission.refusal();
		}
		TelephonyAccount account = Objects.requireNonNull(admission.account());
		String body = UisRequests.body(request);
		if (body == null) {
			return this.gate.problem(413, "invalid-input", Text.of("uis.tooLarge", UisRequests.LIMIT / 1024));
		}
		UisNotification.Reading reading = UisNotification.read(UisRequests.parameters(request), body);
		Text refusal = (reading.refusal() != null) ? reading.refusal()
				: sessionRefusal(Objects.requireNonNull(reading.notification()));
		if (refusal != null) {
			log.warn("UIS routing request for account {} refused: {}", account.id(),
					refusal.english().replaceAll("\\p{Cntrl}", "?"));
			return this.gate.problem(422, "invalid-input", refusal);
		}
		UisNotification n = Objects.requireNonNull(reading.notification());
		CallStartDecision decision = this.decider.decide(new CallStartQuery(account.id(), n.raw("call_session_id"),
				UisNumbers.international(n.get("numa")), UisNumbers.international(n.get("numb"))));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer(account, decision));
	}

	private static @Nullable Text sessionRefusal(UisNotification n) {
		String session = n.get("call_session_id");
		if (session == null) {
			return Text.of("uis.missingField", "routing", "call_session_id");
		}
		return UisNotificationCheck.isId(session) ? null
				: Text.of("uis.notAnId", "routing", "call_session_id", UisRequests.loggable(session));
	}

	private Map<String, Object> answer(TelephonyAccount account, CallStartDecision decision) {
		Map<String, Object> answer = new LinkedHashMap<>();
		if (decision.reject()) {
			answer.put("returned_code", REFUSE);
			return answer;
		}
		List<String> phones = (decision.routeToExtension() != null)
				? this.employees.find(account.id(), decision.routeToExtension())
					.map(UisEmployee::phoneNumbers)
					.orElse(List.of())
				: List.of();
		if (phones.isEmpty()) {
			answer.put("returned_code", PROCEED);
			return answer;
		}
		answer.put("phones", phones);
		if (decision.callerName() != null) {
			answer.put("operator_text", decision.callerName());
		}
		return answer;
	}

}
