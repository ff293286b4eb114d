package io.callbridge.records;

import java.util.List;

import io.callbridge.records.CaseFollowUps.NewFollowUp;
import io.callbridge.records.Cases.NewCase;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records a call as a follow-up of a customer's case in one step, as an agent does from
 * the pop-up card: an open case chosen, or a new one opened with the subject typed; the
 * call linked to the case and a follow-up of kind {@link FollowUpKind#CALL} recorded, all
 * in one transaction with the usual events.
 */
@Service
public class CallFollowUpRecorder {

	private final Cases cases;

	private final CaseFollowUps followUps;

	CallFollowUpRecorder(Cases cases, CaseFollowUps followUps) {
		this.cases = cases;
		this.followUps = followUps;
	}

	/**
	 * What the agent asked for.
	 *
	 * @param callId the call to record
	 * @param customerId the caller's contact
	 * @param caseId the case to record it on, or {@code null} to open a new one
	 * @param newSubject the new case's subject (used when caseId is {@code null})
	 * @param text what was said
	 */
	public record CallFollowUp(long callId, long customerId, @Nullable Long caseId, @Nullable String newSubject,
			String text) {
	}

	/**
	 * What was recorded.
	 *
	 * @param recordedCase the case (new or chosen)
	 * @param followUp the follow-up
	 * @param caseCreated whether the case was opened by this step
	 */
	public record Recorded(Case recordedCase, CaseFollowUp followUp, boolean caseCreated) {
	}

	/**
	 * Records the call; a refused field (no case and no subject, a case of someone else,
	 * no text) is a 422 problem naming it, and then nothing is stored.
	 * @param tenantId tenant
	 * @param authorId the agent recording it
	 * @param request what to record
	 * @return what was recorded
	 */
	@Transactional
	public Recorded record(long tenantId, long authorId, CallFollowUp request) {
		if (request.text() == null || request.text().isBlank()) {
			throw new Problems.InvalidInput("text",
					Text.of("followUp.textRequired", String.valueOf(CaseFollowUps.MAX_TEXT)));
		}
		Long caseId = request.caseId();
		String subject = request.newSubject();
		if (caseId != null) {
			Case chosen = this.cases.find(tenantId, caseId)
				.filter((c) -> c.customerId() == request.customerId())
				.orElseThrow(() -> new Problems.InvalidInput("caseId",
						Text.of("crm.notCustomersCase", String.valueOf(caseId))));
			CaseFollowUp followUp = this.cases.recordCall(tenantId, chosen.id(), authorId, request.callId(),
					request.text());
			return new Recorded(this.cases.get(tenantId, chosen.id()), followUp, false);
		}
		if (subject == null || subject.isBlank()) {
			throw new Problems.InvalidInput("caseId", Text.of("crm.caseOrSubject"));
		}
		Case created = this.cases.create(tenantId, authorId,
				new NewCase(request.customerId(), subject, null, null, null, authorId, List.of(request.callId())));
		CaseFollowUp followUp = this.followUps.create(tenantId, created.id(), authorId,
				new NewFollowUp(FollowUpKind.CALL, request.text(), null, request.callId()));
		return new Recorded(created, followUp, true);
	}

}
