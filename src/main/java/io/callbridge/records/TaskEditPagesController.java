package io.callbridge.records;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import io.callbridge.agents.Agents;
import io.callbridge.records.Tasks.TaskEdit;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A task's page: edited (title, notes, due time, assignee, case), reopened or deleted. As
 * in the API, an agent changes only their own tasks; supervisors and admins any.
 */
@Controller
class TaskEditPagesController {

	private final Tasks tasks;

	private final Cases cases;

	private final Agents agents;

	private final CasePageModels models;

	TaskEditPagesController(Tasks tasks, Cases cases, Agents agents, CasePageModels models) {
		this.tasks = tasks;
		this.cases = cases;
		this.agents = agents;
		this.models = models;
	}

	/**
	 * A task form as typed.
	 *
	 * @param title title
	 * @param notes notes
	 * @param due due time as typed (tenant's zone)
	 * @param assigneeId assignee
	 * @param caseId case
	 */
	record TaskForm(@Nullable String title, @Nullable String notes, @Nullable String due, @Nullable Long assigneeId,
			@Nullable Long caseId) {
	}

	@GetMapping("/tasks/{id}/edit")
	String edit(CurrentUser user, @PathVariable long id, Model model) {
		Task task = changeable(user, id);
		ZoneId zone = this.models.zone(user);
		String due = (task.dueAt() != null) ? LocalDateTime.ofInstant(task.dueAt(), zone).toString() : "";
		return form(user, task, new TaskForm(task.title(), task.notes(), due, task.assigneeId(), task.caseId()), null,
				model);
	}

	@PostMapping("/tasks/{id}")
	String update(CurrentUser user, @PathVariable long id, TaskForm form, Model model, RedirectAttributes redirect) {
		Task task = changeable(user, id);
		List<FieldError> errors = new ArrayList<>();
		Instant due = CasePageModels.dateTime(form.due(), this.models.zone(user), "due", errors);
		try {
			if (!errors.isEmpty()) {
				throw new Problems.InvalidInput(errors);
			}
			Task saved = this.tasks.update(user.tenantId(), id, new TaskEdit((form.title() != null) ? form.title() : "",
					blank(form.notes()), due, form.assigneeId(), task.contactId(), form.caseId()));
			redirect.addFlashAttribute("notice", "crm.taskSaved");
			return back(saved);
		}
		catch (Problems.InvalidInput invalid) {
			return form(user, task, form, invalid.errors(), model);
		}
	}

	@PostMapping("/tasks/{id}/reopen")
	String reopen(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		changeable(user, id);
		Task task = this.tasks.reopen(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "crm.taskReopened");
		return back(task);
	}

	@PostMapping("/tasks/{id}/delete")
	String delete(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
		Task task = changeable(user, id);
		this.tasks.delete(user.tenantId(), id);
		redirect.addFlashAttribute("notice", "crm.taskDeleted");
		return (task.contactId() != null) ? "redirect:/contacts/" + task.contactId() : "redirect:/tasks";
	}

	private String form(CurrentUser user, Task task, TaskForm form, @Nullable List<FieldError> errors, Model model) {
		model.addAttribute("task", task);
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("agentList", this.agents.list(user.tenantId()));
		model.addAttribute("customerCases",
				(task.contactId() != null) ? this.cases.forCustomer(user.tenantId(), task.contactId()) : List.of());
		return "tasks/form";
	}

	// An agent works on the tasks the tasks page shows them: their own (as the API).
	private Task changeable(CurrentUser user, long id) {
		Task task = this.tasks.get(user.tenantId(), id);
		if (!user.isAtLeast(Role.SUPERVISOR) && !Long.valueOf(user.userId()).equals(task.assigneeId())) {
			throw new Problems.Forbidden(Text.of("task.onlyOwnChange"));
		}
		return task;
	}

	private static String back(Task task) {
		if (task.caseId() != null) {
			return "redirect:/cases/" + task.caseId();
		}
		return (task.contactId() != null) ? "redirect:/contacts/" + task.contactId() : "redirect:/tasks";
	}

	private static @Nullable String blank(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
