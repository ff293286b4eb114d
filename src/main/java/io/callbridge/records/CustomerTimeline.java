package io.callbridge.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.callbridge.records.CustomerCalls.CustomerCall;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * A customer's file as one timeline: their cases (each with its follow-ups), tasks and
 * calls, newest first.
 */
@Component
class CustomerTimeline {

	static final int CALLS = 50;

	private final Cases cases;

	private final CaseFollowUps followUps;

	private final Tasks tasks;

	private final CustomerCalls calls;

	CustomerTimeline(Cases cases, CaseFollowUps followUps, Tasks tasks, CustomerCalls calls) {
		this.cases = cases;
		this.followUps = followUps;
		this.tasks = tasks;
		this.calls = calls;
	}

	/** What a timeline entry is. */
	enum Kind {

		/** A case with its follow-ups. */
		CASE,
		/** A task. */
		TASK,
		/** A call. */
		CALL

	}

	/**
	 * One entry of the timeline; the field of its kind is set.
	 *
	 * @param kind what it is
	 * @param at when it happened: a case's latest activity (opened or followed up), a
	 * task's creation, a call's start
	 * @param customerCase the case
	 * @param followUps the case's follow-ups, most recent first
	 * @param task the task
	 * @param call the call
	 */
	record Entry(Kind kind, Instant at, @Nullable Case customerCase, List<CaseFollowUp> followUps, @Nullable Task task,
			@Nullable CustomerCall call) {
	}

	/**
	 * The customer's timeline, newest first (404 if the customer is not the tenant's).
	 */
	List<Entry> of(long tenantId, long customerId) {
		List<Case> customerCases = this.cases.forCustomer(tenantId, customerId);
		Map<Long, List<CaseFollowUp>> byCase = this.followUps.forCases(tenantId,
				customerCases.stream().map(Case::id).toList());
		List<Entry> entries = new ArrayList<>();
		for (Case c : customerCases) {
			List<CaseFollowUp> caseFollowUps = byCase.getOrDefault(c.id(), List.of());
			Instant latest = caseFollowUps.stream()
				.map(CaseFollowUp::occurredAt)
				.filter((at) -> at.isAfter(c.createdAt()))
				.max(Comparator.naturalOrder())
				.orElse(c.createdAt());
			entries.add(new Entry(Kind.CASE, latest, c, caseFollowUps, null, null));
		}
		// A case's tasks belong to its customer, so these are all of them.
		this.tasks.forContact(tenantId, customerId)
			.forEach((t) -> entries.add(new Entry(Kind.TASK, t.createdAt(), null, List.of(), t, null)));
		this.calls.recentOf(tenantId, customerId, CALLS)
			.forEach((call) -> entries.add(new Entry(Kind.CALL, call.startedAt(), null, List.of(), null, call)));
		entries.sort(Comparator.comparing(Entry::at).reversed());
		return entries;
	}

}
