package io.callbridge.crm.retailcrm.inbound;

import java.util.Map;
import java.util.Optional;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmRequestOutcome;
import io.callbridge.crm.CrmRequests;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.crm.retailcrm.RetailCrm;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import static io.callbridge.crm.retailcrm.inbound.RetailCrmParameters.loggable;
import static io.callbridge.crm.retailcrm.inbound.RetailCrmParameters.maskedPhone;
import static io.callbridge.crm.retailcrm.inbound.RetailCrmParameters.present;

/**
 * retailCRM's {@code makeCallUrl} (protocol notes A6.1): a manager clicked a number in
 * the CRM. The request ({@code clientId}, {@code code}, {@code phone}, {@code userId},
 * optional {@code externalPhone}) is known by its client id (else 403, not saying whether
 * the id exists), needs a number and a manager (else 422), and becomes the core's
 * click-to-call for the manager's agent; the answer says whether the provider took it.
 */
@RestController
class RetailCrmMakeCallController {

	/** Where retailCRM sends click-to-call requests (registered as its makeCallUrl). */
	static final String PATH = RetailCrm.MAKE_CALL_PATH;

	private static final Logger log = LoggerFactory.getLogger(RetailCrmMakeCallController.class);

	private final CrmRequests requests;

	private final RetailCrmAnswers answers;

	RetailCrmMakeCallController(CrmRequests requests, RetailCrmAnswers answers) {
		this.requests = requests;
		this.answers = answers;
	}

	@RequestMapping(path = PATH, method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<Map<String, Object>> makeCall(@RequestParam(required = false) @Nullable String clientId,
			@RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String phone,
			@RequestParam(required = false) @Nullable String userId,
			@RequestParam(required = false) @Nullable String externalPhone, HttpServletRequest request) {
		Optional<CrmConnection> sender = RetailCrmParameters.sender(this.requests, clientId);
		if (sender.isEmpty()) {
			log.warn("retailCRM make-call from {} refused: no connection has its client id", request.getRemoteAddr());
			return this.answers.forbidden();
		}
		CrmConnection connection = sender.get();
		CrmUserRef manager = RetailCrmParameters.manager(userId, code);
		String number = present(phone);
		if (number == null) {
			log.info("retailCRM make-call for connection {} refused: no phone", connection.id());
			return this.answers.invalid("phone", Text.of("retailcrm.inbound.phoneMissing"));
		}
		if (manager.isEmpty()) {
			log.info("retailCRM make-call for connection {} refused: no userId or code", connection.id());
			return this.answers.invalid("userId", Text.of("retailcrm.inbound.managerMissing"));
		}
		ResponseEntity<Map<String, Object>> answer = answer(connection, manager, number, present(externalPhone));
		log.info("retailCRM make-call for connection {} (tenant {}): user {} code {} phone {} external {} -> {}",
				connection.id(), connection.tenantId(), loggable(manager.crmUserId()), loggable(manager.code()),
				maskedPhone(number), maskedPhone(externalPhone), answer.getStatusCode().value());
		return answer;
	}

	private ResponseEntity<Map<String, Object>> answer(CrmConnection connection, CrmUserRef manager, String number,
			@Nullable String externalPhone) {
		try {
			CrmRequestOutcome outcome = this.requests.makeCall(connection, manager, number, externalPhone);
			return this.answers.of(outcome);
		}
		catch (Problems.Problem problem) {
			return this.answers.of(problem);
		}
	}

}
