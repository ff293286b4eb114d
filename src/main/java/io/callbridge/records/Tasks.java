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

	Tasks(JdbcClient jdbc, Agents agents, Contacts contacts, KnownCalls calls, ApplicationEventPublisher events,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
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
	 */
	public record NewTask(String title, @Nullable String notes, @Nullable Instant dueAt, @Nullable Long assigneeId,
			@Nullable Long contactId, @Nullable Long callId) {
	}

	@Transactional
	public Task create(long tenantId, NewTask task) {
		if (task.title() == null || task.title().isBlank() || task.title().length() > 300) {
			throw new Problems.InvalidInput("title", Text.of("task.titleRequired", "300"));
		}
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
		int changed = this.jdbc.sql("""
				UPDATE tasks SET status = 'DONE', completed_at = ?, completion_key = ?
				WHERE tenant_id = ? AND auto_key = ? AND status = 'OPEN'""")
			.params(Jdbc.ts(Instant.now()), reasonKey, tenantId, autoKey)
			.update();
		if (changed == 0) {
			return Optional.empty();
		}
		Task task = automatic(tenantId, autoKey).orElseThrow();
		this.events
			.publishEvent(new TaskCompleted(tenantId, task.id(), task.assigneeId(), task.contactId(), task.callId()));
		return Optional.of(task);
	}

	private Task insert(long tenantId, NewTask task, @Nullable String autoKey, @Nullable String titleKey,
			List<String> titleArgs) {
		if (task.assigneeId() != null) {
			this.agents.get(tenantId, task.assigneeId());
		}
		if (task.contactId() != null) {
			this.contacts.get(tenantId, task.contactId());
		}
		if (task.callId() != null && !this.calls.isCallOf(tenantId, task.callId())) {
			throw new Problems.NotFound(Text.of("what.call"), task.callId());
		}
		// A rule's title is stored in English too, for search and export.
		String title = (titleKey != null) ? Text.of(titleKey, titleArgs.toArray()).english() : task.title().strip();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO tasks (tenant_id, title, notes, due_at, assignee_id, contact_id, call_id, status, created_at,
					  auto_key, title_key, title_args)
					VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?, ?, ?, ?)""")
			.params(tenantId, title, task.notes(), Jdbc.ts(task.dueAt()), task.assigneeId(), task.contactId(),
					task.callId(), Jdbc.ts(Instant.now()), autoKey, titleKey,
					(titleKey != null) ? JsonMapper.shared().writeValueAsString(titleArgs) : null)
			.update(keys, "id");
		Task created = get(tenantId, keys.getKeyAs(Long.class));
		this.events.publishEvent(
				new TaskCreated(tenantId, created.id(), created.assigneeId(), created.contactId(), created.callId()));
		return created;
	}

	public Task get(long tenantId, long id) {
		return this.jdbc.sql("SELECT * FROM tasks WHERE tenant_id = ? AND id = ?")
			.params(tenantId, id)
			.query(Tasks::row)
			.optional()
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.task"), id));
	}

	@Transactional
	public Task complete(long tenantId, long id) {
		get(tenantId, id);
		int changed = this.jdbc
			.sql("UPDATE tasks SET status = 'DONE', completed_at = ? WHERE id = ? AND status = 'OPEN'")
			.params(Jdbc.ts(Instant.now()), id)
			.update();
		Task task = get(tenantId, id);
		if (changed > 0) {
			this.events.publishEvent(
					new TaskCompleted(tenantId, task.id(), task.assigneeId(), task.contactId(), task.callId()));
		}
		return task;
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
				(completionKey != null) ? Text.of(completionKey).localized() : null);
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
