package io.callbridge.records;

import java.time.Instant;
import java.util.Locale;

import io.callbridge.records.Tasks.TaskEdit;
import io.callbridge.records.Tasks.TaskStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for tasks. An agent's list shows only their own tasks, as the tasks page does;
 * supervisors and admins see everyone's.
 */
@RestController
@Tag(name = "Tasks", description = "Follow-ups for agents")
class TasksApiController {

	private static final int MAX_NOTES = 4000;

	private static final String TASK_FIELDS = "Fields: title (required, at most 300 characters), notes (at most "
			+ "4000), dueAt (ISO-8601), assigneeId, contactId, caseId (a case of the same customer; contactId "
			+ "defaults to the case's customer).";

	private final Tasks tasks;

	TasksApiController(Tasks tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/api/v1/tasks")
	@Operation(summary = "Tasks, paged: open ones first, then by due time",
			description = "An agent sees only their own tasks (asking for another agent's is refused with 403); "
					+ "supervisors and admins see everyone's, or one agent's with assigneeId.")
	PageResult<Task> list(CurrentUser user,
			@Parameter(description = "only this agent's tasks (an agent may only name themselves)") @RequestParam(
					required = false) @Nullable Long assigneeId,
			@Parameter(description = "open (default), done or all") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "deprecated: false is status=all",
					deprecated = true) @RequestParam(required = false) @Nullable Boolean openOnly,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
		return this.tasks.page(user.tenantId(), visibleAssignee(user, assigneeId), status(status, openOnly), page,
				size);
	}

	@GetMapping("/api/v1/tasks/{id}")
	Task get(CurrentUser user, @PathVariable long id) {
		return this.tasks.get(user.tenantId(), id);
	}

	@PostMapping("/api/v1/tasks")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a task", description = "caseId puts it on a case of the same customer as contactId "
			+ "(contactId defaults to the case's customer).")
	Task create(CurrentUser user, @RequestBody TaskRequest request) {
		if (request.notes() != null && request.notes().length() > MAX_NOTES) {
			throw new Problems.InvalidInput("notes", Text.of("task.notesTooLong", String.valueOf(MAX_NOTES)));
		}
		return this.tasks.create(user.tenantId(),
				new Tasks.NewTask((request.title() != null) ? request.title() : "", request.notes(), request.dueAt(),
						(request.assigneeId() != null) ? request.assigneeId() : user.userId(), request.contactId(),
						request.callId(), request.caseId()));
	}

	@PostMapping("/api/v1/tasks/{id}/complete")
	Task complete(CurrentUser user, @PathVariable long id) {
		return this.tasks.complete(user.tenantId(), id);
	}

	@PostMapping("/api/v1/tasks/{id}/reopen")
	@Operation(summary = "Open a completed task again (an agent: only their own tasks)")
	Task reopen(CurrentUser user, @PathVariable long id) {
		requireChangeable(user, id);
		return this.tasks.reopen(user.tenantId(), id);
	}

	@PutMapping("/api/v1/tasks/{id}")
	@Operation(summary = "Replace a task's fields (an agent: only their own tasks)",
			description = TASK_FIELDS + " Every field is replaced: a missing one is cleared.")
	Task replace(CurrentUser user, @PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.TaskBody.class))) @RequestBody JsonNode body) {
		requireChangeable(user, id);
		JsonFields fields = JsonFields.of(body);
		String title = fields.text("title");
		return this.tasks.update(user.tenantId(), id, new TaskEdit((title != null) ? title : "", fields.text("notes"),
				fields.instant("dueAt"), fields.id("assigneeId"), fields.id("contactId"), fields.id("caseId")));
	}

	@PatchMapping("/api/v1/tasks/{id}")
	@Operation(summary = "Change some of a task's fields (an agent: only their own tasks)",
			description = TASK_FIELDS + " Only the fields sent change; null clears one.")
	Task patch(CurrentUser user, @PathVariable long id,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
					schema = @Schema(implementation = ApiBodies.TaskBody.class))) @RequestBody JsonNode body) {
		TaskEdit current = TaskEdit.of(requireChangeable(user, id));
		JsonFields fields = JsonFields.of(body);
		String title = fields.has("title") ? fields.text("title") : current.title();
		return this.tasks.update(user.tenantId(), id,
				new TaskEdit((title != null) ? title : "", fields.has("notes") ? fields.text("notes") : current.notes(),
						fields.has("dueAt") ? fields.instant("dueAt") : current.dueAt(),
						fields.has("assigneeId") ? fields.id("assigneeId") : current.assigneeId(),
						fields.has("contactId") ? fields.id("contactId") : current.contactId(),
						fields.has("caseId") ? fields.id("caseId") : current.caseId()));
	}

	@DeleteMapping("/api/v1/tasks/{id}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(summary = "Delete a task (an agent: only their own tasks)")
	void delete(CurrentUser user, @PathVariable long id) {
		requireChangeable(user, id);
		this.tasks.delete(user.tenantId(), id);
	}

	// An agent works on the tasks the tasks page shows them: their own.
	private Task requireChangeable(CurrentUser user, long id) {
		Task task = this.tasks.get(user.tenantId(), id);
		if (!user.isAtLeast(Role.SUPERVISOR) && !Long.valueOf(user.userId()).equals(task.assigneeId())) {
			throw new Problems.Forbidden(Text.of("task.onlyOwnChange"));
		}
		return task;
	}

	private static @Nullable Long visibleAssignee(CurrentUser user, @Nullable Long assigneeId) {
		if (user.isAtLeast(Role.SUPERVISOR)) {
			return assigneeId;
		}
		if (assigneeId != null && assigneeId != user.userId()) {
			throw new Problems.Forbidden(Text.of("task.onlyOwn"));
		}
		return user.userId();
	}

	private static TaskStatus status(@Nullable String status, @Nullable Boolean openOnly) {
		if (status == null || status.isBlank()) {
			return Boolean.FALSE.equals(openOnly) ? TaskStatus.ALL : TaskStatus.OPEN;
		}
		try {
			return TaskStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new Problems.InvalidInput("status", Text.of("task.unknownStatus", status));
		}
	}

	/**
	 * A task as submitted.
	 *
	 * @param title what to do
	 * @param notes details
	 * @param dueAt due time (ISO-8601)
	 * @param assigneeId agent (default: the caller)
	 * @param contactId contact
	 * @param callId call
	 * @param caseId case
	 */
	record TaskRequest(@Nullable String title, @Nullable String notes, @Nullable Instant dueAt,
			@Nullable Long assigneeId, @Nullable Long contactId, @Nullable Long callId, @Nullable Long caseId) {
	}

}
