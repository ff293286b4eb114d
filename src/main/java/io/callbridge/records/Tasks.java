package io.callbridge.records;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.PagedQuery;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tenant's tasks: created by users (and later by call-handling rules), listed per
 * agent and per contact.
 */
@Repository
public class Tasks {

	private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final Agents agents;

	private final Contacts contacts;

	private final KnownCalls calls;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate savepoint;

	private final RecordChangeLog changes;

	Tasks(JdbcClient jdbc, Agents agents, Contacts contacts, KnownCalls calls, ApplicationEventPublisher events,
			PlatformTransactionManager transactions, RecordChangeLog changes) {
		this.jdbc = jdbc;
		this.changes = changes;
		this.agents = agents;
		this.contacts = contacts;
		this.calls = calls;
		this.events = events;
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/**
	 * A task to create.
	 *
	 * @param title what to do
	 * @param notes details
	 * @param dueAt due time
	 * @param assigneeId agent
	 * @param contactId contact
	 * @param callId call
	 * @param caseId case (of the same customer as contactId; the contact defaults to the
	 * case's customer)
	 */
	public record NewTask(String title, @Nullable String notes, @Nullable Instant dueAt, @Nullable Long assigneeId,
			@Nullable Long contactId, @Nullable Long callId, @Nullable Long caseId) {

		/** A task that belongs to no case. */
		public NewTask(String title, @Nullable String notes, @Nullable Instant dueAt, @Nullable Long assigneeId,
				@Nullable Long contactId, @Nullable Long callId) {
			this(title, notes, dueAt, assigneeId, contactId, callId, null);
		}

	}

	/**
	 * A task's new values (every editable field).
	 *
	 * @param title what to do (required, at most 300 characters)
	 * @param notes details (at most 4000 characters)
	 * @param dueAt due time
	 * @param assigneeId agent
	 * @param contactId contact
	 * @param caseId case (of the same customer as contactId; the contact defaults to the
	 * case's customer)
	 */
	public record TaskEdit(String title, @Nullable String notes, @Nullable Instant dueAt, @Nullable Long assigneeId,
			@Nullable Long contactId, @Nullable Long caseId) {

		/** The edit that keeps every value of a task. */
		public static TaskEdit of(Task task) {
			return new TaskEdit(task.title(), task.notes(), task.dueAt(), task.assigneeId(), task.contactId(),
					task.caseId());
		}

	}

	@Transactional
	public Task create(long tenantId, NewTask task) {
		checkTitleAndNotes(task.title(), task.notes());
		return insert(tenantId, task, null, null, List.of());
	}

	/**
	 * Creates a task on behalf of a rule, at most once per key: a rule that runs again (a
	 * redelivered event, two nodes at once) creates nothing more. The title is a message
	 * shown in each reader's language.
	 * @param tenantId tenant
	 * @param autoKey what the task is for, unique in the tenant, e.g.
	 * {@code missed-call:42}
	 * @param task the task (its title is ignored)
	 * @param titleKey the title's message key
	 * @param titleArgs the title's arguments
	 * @return the task, or empty when one was created for the key before
	 */
	@Transactional
	public Optional<Task> createAutomatic(long tenantId, String autoKey, NewTask task, String titleKey,
			List<String> titleArgs) {
		this.changes.claim(tenantId);
		if (automatic(tenantId, autoKey).isPresent()) {
			return Optional.empty();
		}
		try {
			// In a savepoint: on PostgreSQL a failed insert would otherwise abort the
			// caller's whole transaction.
			return Optional
				.ofNullable(this.savepoint.execute((status) -> insert(tenantId, task, autoKey, titleKey, titleArgs)));
		}
		catch (DuplicateKeyException ex) {
			return Optional.empty();
		}
	}

	/** The task a rule created under this key, if any. */
	public Optional<Task> automatic(long tenantId, String autoKey) {
		return this.jdbc.sql("SELECT * FROM tasks WHERE tenant_id = ? AND auto_key = ?")
			.params(tenantId, autoKey)
			.query(Tasks::row)
			.optional();
	}

	/**
	 * Completes a rule's task that no longer applies, saying why.
	 * @param tenantId tenant
	 * @param autoKey the key it was created under
	 * @param reasonKey the message key of the reason shown with it
	 * @return the task, if it was open and is now completed
	 */
	@Transactional
	public Optional<Task> completeAutomatic(long tenantId, String autoKey, String reasonKey) {
		this.changes.claim(tenantId);
		int changed = this.jdbc.sql("""
				UPDATE tasks SET status = 'DONE', completed_at = ?, completion_key = ?
				WHERE tenant_id = ? AND auto_key = ? AND status = 'OPEN'""")
			.params(Jdbc.ts(Instant.now()), reasonKey, tenantId, autoKey)
			.update();
		if (changed == 0) {
			return Optional.empty();
		}
		Task task = automatic(tenantId, autoKey).orElseThrow();
		publishCompleted(tenantId, task);
		return Optional.of(task);
	}

	private Task insert(long tenantId, NewTask task, @Nullable String autoKey, @Nullable String titleKey,
			List<String> titleArgs) {
		this.changes.claim(tenantId);
		if (task.assigneeId() != null) {
			this.agents.get(tenantId, task.assigneeId());
		}
		if (task.contactId() != null) {
			this.contacts.get(tenantId, task.contactId());
		}
		if (task.callId() != null && !this.calls.isCallOf(tenantId, task.callId())) {
			throw new Problems.NotFound(Text.of("what.call"), task.callId());
		}
		Long contactId = contactOfCase(tenantId, task.caseId(), task.contactId());
		// A rule's title is stored in English too, for search and export.
		String title = (titleKey != null) ? Text.of(titleKey, titleArgs.toArray()).english() : task.title().strip();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO tasks (tenant_id, title, notes, due_at, assignee_id, contact_id, call_id, status, created_at,
					  auto_key, title_key, title_args, case_id)
					VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?, ?)""")
			.params(tenantId, title, task.notes(), Jdbc.ts(task.dueAt()), task.assigneeId(), contactId, task.callId(),
					Jdbc.ts(Instant.now()), autoKey, titleKey,
					(titleKey != null) ? JsonMapper.shared().writeValueAsString(titleArgs) : null, task.caseId())
			.update(keys, "id");
		Task created = get(tenantId, keys.getKeyAs(Long.class));
		this.events.publishEvent(
				new TaskCreated(tenantId, created.id(), created.assigneeId(), created.contactId(), created.callId()));
		return created;
	}

	public Task get(long tenantId, long id) {
		return find(tenantId, id).orElseThrow(() -> new Problems.NotFound(Text.of("what.task"), id));
	}

	/** The task, if it exists in the tenant. */
	public Optional<Task> find(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM tasks WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(Tasks::row)
			.optional();
	}

	@Transactional
	public Task complete(long tenantId, long id) {
		this.changes.claim(tenantId);
		get(tenantId, id);
		int changed = this.jdbc
			.sql("UPDATE tasks SET status = 'DONE', completed_at = ? WHERE id = ? AND status = 'OPEN'")
			.params(Jdbc.ts(Instant.now()), id)
			.update();
		Task task = get(tenantId, id);
		if (changed > 0) {
			publishCompleted(tenantId, task);
		}
		return task;
	}

	/** Opens a completed task again; an open task stays as it is. */
	@Transactional
	public Task reopen(long tenantId, long id) {
		this.changes.claim(tenantId);
		get(tenantId, id);
		int changed = this.jdbc.sql("""
				UPDATE tasks SET status = 'OPEN', completed_at = NULL, completion_key = NULL
				WHERE id = ? AND status = 'DONE'""").param(id).update();
		Task task = get(tenantId, id);
		if (changed > 0) {
			this.events.publishEvent(new TaskChanged(tenantId, id, task.contactId(), task.caseId()));
		}
		return task;
	}

	/**
	 * Changes a task's title, notes, due time, assignee, contact and case; publishes
	 * {@link TaskChanged} when a value differs.
	 * @param tenantId tenant
	 * @param id the task (404 if it is not the tenant's)
	 * @param edit its new values
	 * @return the task
	 */
	@Transactional
	public Task update(long tenantId, long id, TaskEdit edit) {
		this.changes.claim(tenantId);
		Task current = get(tenantId, id);
		checkTitleAndNotes(edit.title(), edit.notes());
		if (edit.assigneeId() != null && this.agents.find(tenantId, edit.assigneeId()).isEmpty()) {
			throw new Problems.InvalidInput("assigneeId",
					Text.of("case.unknownAssignee", String.valueOf(edit.assigneeId())));
		}
		if (edit.contactId() != null && this.contacts.find(tenantId, edit.contactId()).isEmpty()) {
			throw new Problems.InvalidInput("contactId",
					Text.of("task.unknownContact", String.valueOf(edit.contactId())));
		}
		Long contactId = contactOfCase(tenantId, edit.caseId(), edit.contactId());
		TaskEdit cleaned = new TaskEdit(edit.title().strip(), edit.notes(), edit.dueAt(), edit.assigneeId(), contactId,
				edit.caseId());
		if (cleaned.equals(TaskEdit.of(current))) {
			return current;
		}
		// A title typed by a person replaces a rule's title shown in each reader's
		// language;
		// the same title sent back keeps it.
		boolean titleChanged = !cleaned.title().equals(current.title());
		this.jdbc.sql("""
				UPDATE tasks SET title = CASE WHEN ? THEN ? ELSE title END,
				  title_key = CASE WHEN ? THEN NULL ELSE title_key END,
				  title_args = CASE WHEN ? THEN NULL ELSE title_args END,
				  notes = ?, due_at = ?, assignee_id = ?, contact_id = ?, case_id = ?
				WHERE tenant_id = ? AND id = ?""")
			.params(titleChanged, cleaned.title(), titleChanged, titleChanged, cleaned.notes(),
					Jdbc.ts(cleaned.dueAt()), cleaned.assigneeId(), contactId, cleaned.caseId(), tenantId, id)
			.update();
		this.events.publishEvent(new TaskChanged(tenantId, id, contactId, cleaned.caseId()));
		return get(tenantId, id);
	}

	/** Deletes a task (404 if it is not the tenant's). */
	@Transactional
	public void delete(long tenantId, long id) {
		this.changes.claim(tenantId);
		Task task = get(tenantId, id);
		this.jdbc.sql("DELETE FROM tasks WHERE tenant_id = ? AND id = ?").params(tenantId, id).update();
		this.events.publishEvent(new TaskDeleted(tenantId, id, task.contactId(), task.caseId()));
	}

	/** Every task of a contact (open ones first, then by due time), for its timeline. */
	public List<Task> forContact(long tenantId, long contactId) {
		return this.jdbc.sql("""
				SELECT * FROM tasks WHERE tenant_id = ? AND contact_id = ?
				ORDER BY status DESC, due_at, id""").params(tenantId, contactId).query(Tasks::row).list();
	}

	/** Every task of a case (open ones first, then by due time). */
	public List<Task> forCase(long tenantId, long caseId) {
		return this.jdbc.sql("""
				SELECT * FROM tasks WHERE tenant_id = ? AND case_id = ?
				ORDER BY status DESC, due_at, id""").params(tenantId, caseId).query(Tasks::row).list();
	}

	/** The tenant's tasks with these ids (those that exist), by id. */
	public Map<Long, Task> byIds(long tenantId, Collection<Long> ids) {
		Map<Long, Task> byId = new LinkedHashMap<>();
		for (List<Long> chunk : Jdbc.chunks(ids)) {
			this.jdbc.sql("SELECT * FROM tasks WHERE tenant_id = :tenant AND id IN (:ids)")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query(Tasks::row)
				.list()
				.forEach((task) -> byId.put(task.id(), task));
		}
		return byId;
	}

	/**
	 * Takes a deleted case off its tasks, which stay with the customer; part of deleting
	 * the case, in its transaction.
	 */
	void detachCase(long tenantId, long caseId) {
		for (Task task : forCase(tenantId, caseId)) {
			this.jdbc.sql("UPDATE tasks SET case_id = NULL WHERE id = ?").param(task.id()).update();
			this.events.publishEvent(new TaskChanged(tenantId, task.id(), task.contactId(), null));
		}
	}

	/**
	 * Deletes every task of a contact; part of deleting the contact, in its transaction.
	 */
	void deleteAllOf(long tenantId, long contactId) {
		this.jdbc.sql("SELECT id FROM tasks WHERE tenant_id = ? AND contact_id = ? ORDER BY id")
			.params(tenantId, contactId)
			.query(Long.class)
			.list()
			.forEach((id) -> delete(tenantId, id));
	}

	private void publishCompleted(long tenantId, Task task) {
		this.events
			.publishEvent(new TaskCompleted(tenantId, task.id(), task.assigneeId(), task.contactId(), task.callId()));
		this.events.publishEvent(new TaskChanged(tenantId, task.id(), task.contactId(), task.caseId()));
	}

	// A task of a case is about the case's customer; a different contact is refused.
	private @Nullable Long contactOfCase(long tenantId, @Nullable Long caseId, @Nullable Long contactId) {
		if (caseId == null) {
			return contactId;
		}
		Long customerId = this.jdbc.sql("SELECT customer_id FROM cases WHERE tenant_id = ? AND id = ?")
			.params(tenantId, caseId)
			.query(Long.class)
			.optional()
			.orElseThrow(
					() -> new Problems.InvalidInput("caseId", Text.of("task.unknownCase", String.valueOf(caseId))));
		if (contactId != null && !contactId.equals(customerId)) {
			throw new Problems.InvalidInput("caseId", Text.of("task.caseOfOtherCustomer", String.valueOf(caseId)));
		}
		return customerId;
	}

	private static void checkTitleAndNotes(@Nullable String title, @Nullable String notes) {
		if (title == null || title.isBlank() || title.strip().length() > 300) {
			throw new Problems.InvalidInput("title", Text.of("task.titleRequired", "300"));
		}
		if (notes != null && notes.length() > 4000) {
			throw new Problems.InvalidInput("notes", Text.of("task.notesTooLong", "4000"));
		}
	}

	public List<Task> openForAssignee(long tenantId, long assigneeId) {
		return this.jdbc.sql("""
				SELECT * FROM tasks WHERE tenant_id = ? AND assignee_id = ? AND status = 'OPEN'
				ORDER BY due_at, id""").params(tenantId, assigneeId).query(Tasks::row).list();
	}

	/** How many open tasks created by rules have nobody assigned. */
	public long countOpenUnassignedAutomatic(long tenantId) {
		return this.jdbc.sql("""
				SELECT COUNT(*) FROM tasks
				WHERE tenant_id = ? AND auto_key IS NOT NULL AND assignee_id IS NULL AND status = 'OPEN'""")
			.param(tenantId)
			.query(Long.class)
			.single();
	}

	/** Whether a task was created from this call. */
	public boolean existsForCall(long tenantId, long callId) {
		return this.jdbc.sql("SELECT COUNT(*) FROM tasks WHERE tenant_id = ? AND call_id = ?")
			.params(tenantId, callId)
			.query(Long.class)
			.single() > 0;
	}

	/** The tasks created for these calls (their follow-up actions), by call id. */
	public Map<Long, List<Task>> forCalls(long tenantId, Collection<Long> callIds) {
		Map<Long, List<Task>> byCall = new HashMap<>();
		for (List<Long> chunk : Jdbc.chunks(callIds)) {
			this.jdbc.sql("SELECT * FROM tasks WHERE tenant_id = :tenant AND call_id IN (:ids) ORDER BY id")
				.param("tenant", tenantId)
				.param("ids", chunk)
				.query(Tasks::row)
				.list()
				.forEach((task) -> byCall.computeIfAbsent(task.callId(), (k) -> new ArrayList<>()).add(task));
		}
		return byCall;
	}

	public List<Task> openForContact(long tenantId, long contactId) {
		return this.jdbc.sql("""
				SELECT * FROM tasks WHERE tenant_id = ? AND contact_id = ? AND status = 'OPEN'
				ORDER BY due_at, id""").params(tenantId, contactId).query(Tasks::row).list();
	}

	public List<Task> list(long tenantId, @Nullable Long assigneeId, boolean openOnly) {
		String sql = "SELECT * FROM tasks WHERE tenant_id = :tenant"
				+ ((assigneeId != null) ? " AND assignee_id = :assignee" : "")
				+ (openOnly ? " AND status = 'OPEN'" : "") + " ORDER BY status DESC, due_at, id LIMIT 500";
		JdbcClient.StatementSpec statement = this.jdbc.sql(sql).param("tenant", tenantId);
		if (assigneeId != null) {
			statement = statement.param("assignee", assigneeId);
		}
		return statement.query(Tasks::row).list();
	}

	/** Which tasks a list shows. */
	public enum TaskStatus {

		/** Still to do. */
		OPEN,

		/** Completed. */
		DONE,

		/** Both. */
		ALL

	}

	/**
	 * One page of the tenant's tasks: open ones first, then by due time (tasks without
	 * one last) and id.
	 * @param tenantId tenant
	 * @param assigneeId only this agent's tasks; {@code null} for everyone's
	 * @param status open, done or all
	 * @param page zero-based page
	 * @param size page size
	 * @return the page
	 */
	public PageResult<Task> page(long tenantId, @Nullable Long assigneeId, TaskStatus status, int page, int size) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("tenant", tenantId);
		String where = "tenant_id = :tenant";
		if (assigneeId != null) {
			where += " AND assignee_id = :assignee";
			params.put("assignee", assigneeId);
		}
		if (status != TaskStatus.ALL) {
			where += " AND status = :status";
			params.put("status", status.name());
		}
		return new PagedQuery("*", "tasks WHERE " + where,
				"status DESC, CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id")
			.fetch(this.jdbc, params, page, size, Tasks::row);
	}

	private static Task row(ResultSet rs, int n) throws SQLException {
		String completionKey = rs.getString("completion_key");
		return new Task(rs.getLong("id"), title(rs), rs.getString("notes"), Jdbc.instant(rs, "due_at"),
				Jdbc.longOrNull(rs, "assignee_id"), Jdbc.longOrNull(rs, "contact_id"), Jdbc.longOrNull(rs, "call_id"),
				"OPEN".equals(rs.getString("status")), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "completed_at"),
				(completionKey != null) ? Text.of(completionKey).localized() : null, Jdbc.longOrNull(rs, "case_id"));
	}

	// A rule's title is shown in the reader's language.
	private static String title(ResultSet rs) throws SQLException {
		String key = rs.getString("title_key");
		if (key == null) {
			return rs.getString("title");
		}
		List<String> args = JsonMapper.shared().readValue(rs.getString("title_args"), STRINGS);
		return Text.of(key, args.toArray()).localized();
	}

}
