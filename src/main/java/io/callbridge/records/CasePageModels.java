package io.callbridge.records;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Fills the models of the case pages (a case with its follow-ups, the case form) so the
 * controllers that show them again with errors show the same page.
 */
@Component
class CasePageModels {

	private final Cases cases;

	private final CaseFollowUps followUps;

	private final Tasks tasks;

	private final Contacts contacts;

	private final Agents agents;

	private final CustomerCalls calls;

	private final Tenants tenants;

	CasePageModels(Cases cases, CaseFollowUps followUps, Tasks tasks, Contacts contacts, Agents agents,
			CustomerCalls calls, Tenants tenants) {
		this.cases = cases;
		this.followUps = followUps;
		this.tasks = tasks;
		this.contacts = contacts;
		this.agents = agents;
		this.calls = calls;
		this.tenants = tenants;
	}

	/**
	 * A follow-up form as typed, shown again when it is refused.
	 *
	 * @param kind kind
	 * @param text text
	 * @param occurredAt date-time as typed (tenant's zone)
	 * @param callId call
	 */
	record FollowUpForm(@Nullable String kind, @Nullable String text, @Nullable String occurredAt,
			@Nullable Long callId) {
	}

	/**
	 * A case form as typed.
	 *
	 * @param subject subject
	 * @param description description
	 * @param status status name
	 * @param priority priority name
	 * @param assigneeId assignee
	 */
	record CaseForm(@Nullable String subject, @Nullable String description, @Nullable String status,
			@Nullable String priority, @Nullable Long assigneeId) {

		static CaseForm of(Case c) {
			return new CaseForm(c.subject(), c.description(), c.status().name(), c.priority().name(), c.assigneeId());
		}

	}

	/** The case page: the case, its customer, calls, follow-ups and tasks. */
	String detail(CurrentUser user, long id, @Nullable FollowUpForm typed, @Nullable List<FieldError> errors,
			Model model) {
		Case c = this.cases.get(user.tenantId(), id);
		ZoneId zone = zone(user);
		List<CaseFollowUp> caseFollowUps = this.followUps.forCase(user.tenantId(), id);
		List<Task> caseTasks = this.tasks.forCase(user.tenantId(), id);
		Set<Long> people = new TreeSet<>();
		addIfPresent(people, c.assigneeId());
		addIfPresent(people, c.createdById());
		caseFollowUps.forEach((f) -> addIfPresent(people, f.authorId()));
		caseTasks.forEach((t) -> addIfPresent(people, t.assigneeId()));
		Set<Long> callIds = new TreeSet<>(c.callIds());
		caseFollowUps.forEach((f) -> addIfPresent(callIds, f.callId()));
		model.addAttribute("theCase", c);
		model.addAttribute("customer", this.contacts.get(user.tenantId(), c.customerId()));
		model.addAttribute("followUps", caseFollowUps);
		model.addAttribute("caseTasks", caseTasks);
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(), people));
		model.addAttribute("callsById", this.calls.byIds(user.tenantId(), callIds));
		model.addAttribute("customerCalls", this.calls.recentOf(user.tenantId(), c.customerId(), 20));
		model.addAttribute("kinds", FollowUpKind.values());
		model.addAttribute("followUpForm", (typed != null) ? typed : new FollowUpForm(FollowUpKind.NOTE.name(), "",
				LocalDateTime.now(zone).truncatedTo(ChronoUnit.MINUTES).toString(), null));
		model.addAttribute("errors", errors);
		model.addAttribute("canDelete", user.isAtLeast(Role.SUPERVISOR));
		model.addAttribute("supervisor", user.isAtLeast(Role.SUPERVISOR));
		model.addAttribute("userId", user.userId());
		model.addAttribute("zone", zone);
		model.addAttribute("now", Instant.now());
		return "cases/detail";
	}

	/** The form to open a case for a customer ({@code caseId == null}) or edit one. */
	String form(CurrentUser user, long customerId, @Nullable Long caseId, CaseForm form,
			@Nullable List<FieldError> errors, Model model) {
		model.addAttribute("customer", this.contacts.get(user.tenantId(), customerId));
		model.addAttribute("caseId", caseId);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("agentList", this.agents.list(user.tenantId()));
		model.addAttribute("statuses", CaseStatus.values());
		model.addAttribute("priorities", CasePriority.values());
		return "cases/form";
	}

	ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	/**
	 * A date-time typed in a form ({@code datetime-local}) in the tenant's zone, or
	 * {@code null} when empty.
	 */
	static @Nullable Instant dateTime(@Nullable String typed, ZoneId zone, String field, List<FieldError> errors) {
		if (typed == null || typed.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(typed.strip()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			errors.add(new FieldError(field, Text.of("crm.badDateTime", typed)));
			return null;
		}
	}

	/** The errors of both checks, the form's own first. */
	static List<FieldError> joined(List<FieldError> own, Problems.InvalidInput refused) {
		List<FieldError> all = new ArrayList<>(own);
		refused.errors().stream().filter(Objects::nonNull).forEach(all::add);
		return all;
	}

	private static void addIfPresent(Set<Long> ids, @Nullable Long id) {
		if (id != null) {
			ids.add(id);
		}
	}

}
