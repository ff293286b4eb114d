package io.callbridge.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.PagedQuery;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The cases of the tenant's customers (VCC's cases): opened, edited, linked to calls and
 * deleted with their follow-ups, each change published inside its transaction.
 */
@Service
public class Cases {

	static final int MAX_SUBJECT = 200;

	static final int MAX_DESCRIPTION = 4000;

	private final JdbcClient jdbc;

	private final Agents agents;

	private final Contacts contacts;

	private final KnownCalls calls;

	private final CaseFollowUps followUps;

	private final Tasks tasks;

	private final RecordChangeLog changes;

	private final ApplicationEventPublisher events;

	Cases(JdbcClient jdbc, Agents agents, Contacts contacts, KnownCalls calls, CaseFollowUps followUps, Tasks tasks,
			RecordChangeLog changes, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.contacts = contacts;
		this.calls = calls;
		this.followUps = followUps;
		this.tasks = tasks;
		this.changes = changes;
		this.events = events;
	}

	/**
	 * A case to open.
	 *
	 * @param customerId the contact it belongs to
	 * @param subject what it is about (required, at most 200 characters)
	 * @param description details (at most 4000 characters)
	 * @param status {@code null} for open
	 * @param priority {@code null} for normal
	 * @param assigneeId the agent working on it
	 * @param callIds calls to link to it
	 */
	public record NewCase(long customerId, String subject, @Nullable String description, @Nullable CaseStatus status,
			@Nullable CasePriority priority, @Nullable Long assigneeId, List<Long> callIds) {

		public NewCase {
			callIds = (callIds != null) ? List.copyOf(callIds) : List.of();
		}

	}

	/**
	 * A case's new values (every editable field; linked calls are changed with
	 * {@link Cases#linkCall} and {@link Cases#unlinkCall}).
	 *
	 * @param subject what it is about (required, at most 200 characters)
	 * @param description details
	 * @param status status
	 * @param priority priority
	 * @param assigneeId the agent working on it, {@code null} for nobody
	 */
	public record CaseEdit(String subject, @Nullable String description, CaseStatus status, CasePriority priority,
			@Nullable Long assigneeId) {

		/** The edit that keeps every value of a case. */
		public static CaseEdit of(Case current) {
			return new CaseEdit(current.subject(), current.description(), current.status(), current.priority(),
					current.assigneeId());
		}

	}

	/**
	 * Which cases a list shows; {@code null} fields do not filter.
	 *
	 * @param status only cases in this status
	 * @param assigneeId only this agent's cases
	 * @param customerId only this customer's cases
	 */
	public record CaseFilter(@Nullable CaseStatus status, @Nullable Long assigneeId, @Nullable Long customerId) {
	}

	/**
	 * Opens a case for a customer.
	 * @param tenantId tenant
	 * @param createdBy the user opening it
	 * @param newCase the case
	 * @return the case
	 */
	@Transactional
	public Case create(long tenantId, long createdBy, NewCase newCase) {
		this.changes.claim(tenantId);
		this.contacts.get(tenantId, newCase.customerId());
		List<FieldError> errors = new ArrayList<>();
		checkFields(tenantId, newCase.subject(), newCase.description(), newCase.assigneeId(), errors);
		for (Long callId : newCase.callIds()) {
			checkCall(tenantId, callId, "callIds", errors);
		}
		refuse(errors);
		Instant now = Instant.now();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO cases (tenant_id, customer_id, subject, description, status, priority, assignee_id,
				  created_by, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(tenantId, newCase.customerId(), newCase.subject().strip(), blank(newCase.description()),
					orDefault(newCase.status(), CaseStatus.OPEN).name(),
					orDefault(newCase.priority(), CasePriority.NORMAL).name(), newCase.assigneeId(), createdBy,
					Jdbc.ts(now), Jdbc.ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Long.class);
		for (Long callId : new LinkedHashSet<>(newCase.callIds())) {
			insertLink(tenantId, id, callId);
		}
		this.events.publishEvent(new CaseCreated(tenantId, id, newCase.customerId()));
		return get(tenantId, id);
	}

	public Case get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.case"), id));
	}

	public Optional<Case> find(long tenantId, long id) {
		return byIds(tenantId, List.of(id)).values().stream().findFirst();
	}

	/** The tenant's cases with these ids (those that exist), by id. */
	public Map<Long, Case> byIds(long tenantId, Collection<Long> ids) {
		List<CaseRow> rows = new ArrayList<>();
		for (List<Long> chunk : Jdbc.chunks(ids)) {
			rows.addAll(this.jdbc.sql("SELECT * FROM cases WHERE tenant_id = :tenant AND id IN (:ids)")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query(Cases::row)
				.list());
		}
		Map<Long, Case> byId = new LinkedHashMap<>();
		withCalls(tenantId, rows).forEach((c) -> byId.put(c.id(), c));
		return byId;
	}

	/** A customer's cases, newest first (404 if the customer is not the tenant's). */
	public List<Case> forCustomer(long tenantId, long customerId) {
		this.contacts.get(tenantId, customerId);
		return withCalls(tenantId, this.jdbc
			.sql("SELECT * FROM cases WHERE tenant_id = ? AND customer_id = ? ORDER BY created_at DESC, id DESC")
			.params(tenantId, customerId)
			.query(Cases::row)
			.list());
	}

	/** The cases a call is linked to, newest first. */
	public List<Case> forCall(long tenantId, long callId) {
		return withCalls(tenantId,
				this.jdbc.sql("""
						SELECT c.* FROM cases c JOIN case_calls l ON l.case_id = c.id
						WHERE c.tenant_id = ? AND l.call_id = ? ORDER BY c.created_at DESC, c.id DESC""")
					.params(tenantId, callId)
					.query(Cases::row)
					.list());
	}

	/**
	 * One page of the tenant's cases, most recently changed first.
	 * @param tenantId tenant
	 * @param filter which cases
	 * @param page zero-based page
	 * @param size page size (1..500)
	 * @return the page
	 */
	public PageResult<Case> page(long tenantId, CaseFilter filter, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenantId);
		String where = "tenant_id = :tenant";
		if (filter.status() != null) {
			where += " AND status = :status";
			params.put("status", filter.status().name());
		}
		if (filter.assigneeId() != null) {
			where += " AND assignee_id = :assignee";
			params.put("assignee", filter.assigneeId());
		}
		if (filter.customerId() != null) {
			where += " AND customer_id = :customer";
			params.put("customer", filter.customerId());
		}
		PageResult<CaseRow> rows = new PagedQuery("*", "cases WHERE " + where, "updated_at DESC, id DESC")
			.fetch(this.jdbc, params, page, size, Cases::row);
		return new PageResult<>(withCalls(tenantId, rows.items()), rows.page(), rows.size(), rows.total());
	}

	/**
	 * Changes a case; publishes {@link CaseChanged} when a value differs.
	 * @param tenantId tenant
	 * @param id the case (404 if it is not the tenant's)
	 * @param edit its new values
	 * @return the case
	 */
	@Transactional
	public Case update(long tenantId, long id, CaseEdit edit) {
		this.changes.claim(tenantId);
		Case current = get(tenantId, id);
		List<FieldError> errors = new ArrayList<>();
		checkFields(tenantId, edit.subject(), edit.description(), edit.assigneeId(), errors);
		if (edit.status() == null) {
			errors.add(new FieldError("status", Text.of("case.statusRequired")));
		}
		if (edit.priority() == null) {
			errors.add(new FieldError("priority", Text.of("case.priorityRequired")));
		}
		refuse(errors);
		CaseEdit cleaned = new CaseEdit(edit.subject().strip(), blank(edit.description()), edit.status(),
				edit.priority(), edit.assigneeId());
		if (cleaned.equals(CaseEdit.of(current))) {
			return current;
		}
		this.jdbc.sql("""
				UPDATE cases SET subject = ?, description = ?, status = ?, priority = ?, assignee_id = ?, updated_at = ?
				WHERE tenant_id = ? AND id = ?""")
			.params(cleaned.subject(), cleaned.description(), cleaned.status().name(), cleaned.priority().name(),
					cleaned.assigneeId(), Jdbc.ts(Instant.now()), tenantId, id)
			.update();
		this.events.publishEvent(new CaseChanged(tenantId, id, current.customerId()));
		return get(tenantId, id);
	}

	/** Links a call to a case (a call already linked stays linked once). */
	@Transactional
	public Case linkCall(long tenantId, long id, long callId) {
		this.changes.claim(tenantId);
		Case current = get(tenantId, id);
		List<FieldError> errors = new ArrayList<>();
		checkCall(tenantId, callId, "callId", errors);
		refuse(errors);
		if (current.callIds().contains(callId)) {
			return current;
		}
		insertLink(tenantId, id, callId);
		return touched(tenantId, current);
	}

	/**
	 * Records a call on a case in one step (the pop-up card's "record as follow-up"):
	 * links the call to the case if it is not yet, and adds a CALL follow-up for it.
	 * @param tenantId tenant
	 * @param caseId the case (404 if it is not the tenant's)
	 * @param authorId the user recording it
	 * @param callId the call (422 on callId if it is not the tenant's)
	 * @param text what was said (required, at most 4000 characters)
	 * @return the follow-up
	 */
	@Transactional
	public CaseFollowUp recordCall(long tenantId, long caseId, long authorId, long callId, String text) {
		linkCall(tenantId, caseId, callId);
		return this.followUps.create(tenantId, caseId, authorId,
				new CaseFollowUps.NewFollowUp(FollowUpKind.CALL, text, null, callId));
	}

	/** Unlinks a call from a case; nothing happens if it was not linked. */
	@Transactional
	public Case unlinkCall(long tenantId, long id, long callId) {
		this.changes.claim(tenantId);
		Case current = get(tenantId, id);
		int removed = this.jdbc.sql("DELETE FROM case_calls WHERE case_id = ? AND call_id = ?")
			.params(id, callId)
			.update();
		return (removed == 0) ? current : touched(tenantId, current);
	}

	/**
	 * Deletes a case with its follow-ups (each with its {@link CaseFollowUpDeleted}); its
	 * tasks stay with the customer and lose the case ({@link TaskChanged}).
	 * @param tenantId tenant
	 * @param id the case (404 if it is not the tenant's)
	 */
	@Transactional
	public void delete(long tenantId, long id) {
		this.changes.claim(tenantId);
		Case current = get(tenantId, id);
		this.followUps.deleteAllOf(tenantId, id, current.customerId());
		this.tasks.detachCase(tenantId, id);
		this.jdbc.sql("DELETE FROM case_calls WHERE case_id = ?").param(id).update();
		this.jdbc.sql("DELETE FROM cases WHERE tenant_id = ? AND id = ?").params(tenantId, id).update();
		this.events.publishEvent(new CaseDeleted(tenantId, id, current.customerId()));
	}

	/**
	 * Deletes every case of a customer; part of deleting the customer, in its
	 * transaction.
	 */
	void deleteAllOf(long tenantId, long customerId) {
		this.jdbc.sql("SELECT id FROM cases WHERE tenant_id = ? AND customer_id = ? ORDER BY id")
			.params(tenantId, customerId)
			.query(Long.class)
			.list()
			.forEach((id) -> delete(tenantId, id));
	}

	private Case touched(long tenantId, Case current) {
		this.jdbc.sql("UPDATE cases SET updated_at = ? WHERE id = ?")
			.params(Jdbc.ts(Instant.now()), current.id())
			.update();
		this.events.publishEvent(new CaseChanged(tenantId, current.id(), current.customerId()));
		return get(tenantId, current.id());
	}

	private void insertLink(long tenantId, long caseId, long callId) {
		this.jdbc.sql("INSERT INTO case_calls (case_id, call_id, tenant_id, linked_at) VALUES (?, ?, ?, ?)")
			.params(caseId, callId, tenantId, Jdbc.ts(Instant.now()))
			.update();
	}

	private void checkFields(long tenantId, @Nullable String subject, @Nullable String description,
			@Nullable Long assigneeId, List<FieldError> errors) {
		if (subject == null || subject.isBlank()) {
			errors.add(new FieldError("subject", Text.of("case.subjectRequired", String.valueOf(MAX_SUBJECT))));
		}
		else if (subject.strip().length() > MAX_SUBJECT) {
			errors.add(new FieldError("subject",
					Text.of("problem.fieldTooLong", Text.of("field.subject"), String.valueOf(MAX_SUBJECT))));
		}
		if (description != null && description.strip().length() > MAX_DESCRIPTION) {
			errors.add(new FieldError("description",
					Text.of("problem.fieldTooLong", Text.of("field.description"), String.valueOf(MAX_DESCRIPTION))));
		}
		if (assigneeId != null && this.agents.find(tenantId, assigneeId).isEmpty()) {
			errors.add(new FieldError("assigneeId", Text.of("case.unknownAssignee", String.valueOf(assigneeId))));
		}
	}

	private void checkCall(long tenantId, @Nullable Long callId, String field, List<FieldError> errors) {
		if (callId == null || !this.calls.isCallOf(tenantId, callId)) {
			errors.add(new FieldError(field, Text.of("case.unknownCall", String.valueOf(callId))));
		}
	}

	private static void refuse(List<FieldError> errors) {
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

	private List<Case> withCalls(long tenantId, List<CaseRow> rows) {
		Map<Long, List<Long>> calls = new HashMap<>();
		for (List<Long> chunk : Jdbc.chunks(rows.stream().map(CaseRow::id).toList())) {
			this.jdbc.sql("""
					SELECT case_id, call_id FROM case_calls WHERE tenant_id = :tenant AND case_id IN (:ids)
					ORDER BY linked_at, call_id""")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query((rs, n) -> Map.entry(rs.getLong("case_id"), rs.getLong("call_id")))
				.list()
				.forEach((link) -> calls.computeIfAbsent(link.getKey(), (k) -> new ArrayList<>()).add(link.getValue()));
		}
		return rows.stream().map((row) -> row.toCase(calls.getOrDefault(row.id(), List.of()))).toList();
	}

	private static CaseRow row(ResultSet rs, int n) throws SQLException {
		return new CaseRow(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("subject"),
				rs.getString("description"), CaseStatus.valueOf(rs.getString("status")),
				CasePriority.valueOf(rs.getString("priority")), Jdbc.longOrNull(rs, "assignee_id"),
				Jdbc.longOrNull(rs, "created_by"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
	}

	private static <T> T orDefault(@Nullable T value, T otherwise) {
		return (value != null) ? value : otherwise;
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

	/** A row of the cases table, before its linked calls are read. */
	private record CaseRow(long id, long customerId, String subject, @Nullable String description, CaseStatus status,
			CasePriority priority, @Nullable Long assigneeId, @Nullable Long createdById, Instant createdAt,
			Instant updatedAt) {

		Case toCase(List<Long> callIds) {
			return new Case(this.id, this.customerId, this.subject, this.description, this.status, this.priority,
					this.assigneeId, this.createdById, callIds, this.createdAt, this.updatedAt);
		}

	}

}
