package io.callbridge.records;

import java.time.Instant;
import java.util.Locale;

import io.callbridge.records.Tasks.TaskStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
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
	Task create(CurrentUser user, @RequestBody TaskRequest request) {
		if (request.notes() != null && request.notes().length() > MAX_NOTES) {
			throw new Problems.InvalidInput("notes", Text.of("task.notesTooLong", String.valueOf(MAX_NOTES)));
		}
		return this.tasks.create(user.tenantId(),
				new Tasks.NewTask((request.title() != null) ? request.title() : "", request.notes(), request.dueAt(),
						(request.assigneeId() != null) ? request.assigneeId() : user.userId(), request.contactId(),
						request.callId()));
	}

	@PostMapping("/api/v1/tasks/{id}/complete")
	Task complete(CurrentUser user, @PathVariable long id) {
		return this.tasks.complete(user.tenantId(), id);
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
	 */
	record TaskRequest(@Nullable String title, @Nullable String notes, @Nullable Instant dueAt,
			@Nullable Long assigneeId, @Nullable Long contactId, @Nullable Long callId) {
	}

}
