package io.callbridge.records;

import java.time.Instant;
import java.util.List;

import io.callbridge.shared.CurrentUser;
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
 * REST API for tasks.
 */
@RestController
@Tag(name = "Tasks", description = "Follow-ups for agents")
class TasksApiController {

	private final Tasks tasks;

	TasksApiController(Tasks tasks) {
		this.tasks = tasks;
	}

	@GetMapping("/api/v1/tasks")
	List<Task> list(CurrentUser user, @RequestParam(required = false) @Nullable Long assigneeId,
			@RequestParam(defaultValue = "true") boolean openOnly) {
		return this.tasks.list(user.tenantId(), assigneeId, openOnly);
	}

	@GetMapping("/api/v1/tasks/{id}")
	Task get(CurrentUser user, @PathVariable long id) {
		return this.tasks.get(user.tenantId(), id);
	}

	@PostMapping("/api/v1/tasks")
	@ResponseStatus(HttpStatus.CREATED)
	Task create(CurrentUser user, @RequestBody TaskRequest request) {
		return this.tasks.create(user.tenantId(),
				new Tasks.NewTask((request.title() != null) ? request.title() : "", request.notes(), request.dueAt(),
						(request.assigneeId() != null) ? request.assigneeId() : user.userId(), request.contactId(),
						request.callId()));
	}

	@PostMapping("/api/v1/tasks/{id}/complete")
	Task complete(CurrentUser user, @PathVariable long id) {
		return this.tasks.complete(user.tenantId(), id);
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
