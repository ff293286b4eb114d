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

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.Jdbc;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The tenant's tasks: created by users (and later by call-handling rules), listed per
 * agent and per contact.
 */
@Repository
public class Tasks {

	private final JdbcClient jdbc;

	private final Agents agents;

	private final Contacts contacts;

	private final ApplicationEventPublisher events;

	Tasks(JdbcClient jdbc, Agents agents, Contacts contacts, ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.agents = agents;
		this.contacts = contacts;
		this.events = events;
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
			throw new Problems.InvalidInput("title", "The title is required (at most 300 characters).");
		}
		if (task.assigneeId() != null) {
			this.agents.get(tenantId, task.assigneeId());
		}
		if (task.contactId() != null) {
			this.contacts.get(tenantId, task.contactId());
		}
		if (task.callId() != null && this.jdbc.sql("SELECT COUNT(*) FROM calls WHERE id = ? AND tenant_id = ?")
			.params(task.callId(), tenantId)
			.query(Long.class)
			.single() == 0) {
			throw new Problems.NotFound("Call", task.callId());
		}
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc
			.sql("""
					INSERT INTO tasks (tenant_id, title, notes, due_at, assignee_id, contact_id, call_id, status, created_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)""")
			.params(tenantId, task.title().strip(), task.notes(), Jdbc.ts(task.dueAt()), task.assigneeId(),
					task.contactId(), task.callId(), Jdbc.ts(Instant.now()))
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
			.orElseThrow(() -> new Problems.NotFound("Task", id));
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

	/**
	 * Whether a task was already created from this call (rules run again when an event is
	 * redelivered).
	 */
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
		PageResult.validate(page, size);
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
		long total = this.jdbc.sql("SELECT COUNT(*) FROM tasks WHERE " + where)
			.params(params)
			.query(Long.class)
			.single();
		List<Task> items = this.jdbc
			.sql("SELECT * FROM tasks WHERE " + where + " ORDER BY status DESC,"
					+ " CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id LIMIT :limit OFFSET :offset")
			.params(params)
			.param("limit", size)
			.param("offset", (long) page * size)
			.query(Tasks::row)
			.list();
		return new PageResult<>(items, page, size, total);
	}

	private static Task row(ResultSet rs, int n) throws SQLException {
		return new Task(rs.getLong("id"), rs.getString("title"), rs.getString("notes"), Jdbc.instant(rs, "due_at"),
				Jdbc.longOrNull(rs, "assignee_id"), Jdbc.longOrNull(rs, "contact_id"), Jdbc.longOrNull(rs, "call_id"),
				"OPEN".equals(rs.getString("status")), Jdbc.instant(rs, "created_at"),
				Jdbc.instant(rs, "completed_at"));
	}

}
