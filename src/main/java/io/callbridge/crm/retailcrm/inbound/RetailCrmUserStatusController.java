package io.callbridge.crm.retailcrm.inbound;

import java.util.Map;
import java.util.Optional;

import io.callbridge.crm.CrmConnection;
import io.callbridge.crm.CrmRequestOutcome;
import io.callbridge.crm.CrmRequests;
import io.callbridge.crm.CrmUserRef;
import io.callbridge.crm.retailcrm.RetailCrm;
import io.callbridge.shared.AgentStatus;
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

/**
 * retailCRM's {@code changeUserStatusUrl} (protocol notes A6.2): a manager changed their
 * status in the CRM. The request ({@code clientId}, {@code userId}, {@code code},
 * {@code status}) is known by its client id (else 403), needs a manager and one of
 * retailCRM's statuses (else 422 naming them), and sets the agent's Callbridge status.
 */
@RestController
class RetailCrmUserStatusController {

	/** Where retailCRM reports status changes (registered as its changeUserStatusUrl). */
	static final String PATH = RetailCrm.USER_STATUS_PATH;

	/** retailCRM's user statuses, as a refusal names them. */
	static final String STATUSES = "free, busy, dinner, break";

	private static final Logger log = LoggerFactory.getLogger(RetailCrmUserStatusController.class);

	private final CrmRequests requests;

	private final RetailCrmAnswers answers;

	RetailCrmUserStatusController(CrmRequests requests, RetailCrmAnswers answers) {
		this.requests = requests;
		this.answers = answers;
	}

	@RequestMapping(path = PATH, method = { RequestMethod.GET, RequestMethod.POST })
	ResponseEntity<Map<String, Object>> changeStatus(@RequestParam(required = false) @Nullable String clientId,
			@RequestParam(required = false) @Nullable String userId,
			@RequestParam(required = false) @Nullable String code,
			@RequestParam(required = false) @Nullable String status, HttpServletRequest request) {
		Optional<CrmConnection> sender = RetailCrmParameters.sender(this.requests, clientId);
		if (sender.isEmpty()) {
			log.warn("retailCRM user-status from {} refused: no connection has its client id", request.getRemoteAddr());
			return this.answers.forbidden();
		}
		CrmConnection connection = sender.get();
		CrmUserRef manager = RetailCrmParameters.manager(userId, code);
		if (manager.isEmpty()) {
			log.info("retailCRM user-status for connection {} refused: no userId or code", connection.id());
			return this.answers.invalid("userId", Text.of("retailcrm.inbound.managerMissing"));
		}
		Optional<AgentStatus> agentStatus = (status != null) ? RetailCrm.statusOf(status) : Optional.empty();
		if (agentStatus.isEmpty()) {
			log.info("retailCRM user-status for connection {} refused: status {}", connection.id(), loggable(status));
			return this.answers.invalid("status",
					Text.of("retailcrm.inbound.badStatus", (status != null) ? loggable(status) : "", STATUSES));
		}
		ResponseEntity<Map<String, Object>> answer = answer(connection, manager, agentStatus.get());
		log.info("retailCRM user-status for connection {} (tenant {}): user {} code {} status {} -> {}",
				connection.id(), connection.tenantId(), loggable(manager.crmUserId()), loggable(manager.code()),
				agentStatus.get(), answer.getStatusCode().value());
		return answer;
	}

	private ResponseEntity<Map<String, Object>> answer(CrmConnection connection, CrmUserRef manager,
			AgentStatus status) {
		try {
			CrmRequestOutcome outcome = this.requests.changeStatus(connection, manager, status);
			return this.answers.of(outcome);
		}
		catch (Problems.Problem problem) {
			return this.answers.of(problem);
		}
	}

}
