package io.callbridge.records;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.Tasks.TaskStatus;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.PageResult;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The task pages: my (or, for supervisors, everyone's) open tasks with a "done" button,
 * and the tasks panel of a contact's page with its small "add task" form (htmx).
 */
@Controller
class TaskPagesController {

	private final Tasks tasks;

	private final Agents agents;

	private final Contacts contacts;

	private final Tenants tenants;

	private final Cases cases;

	TaskPagesController(Tasks tasks, Agents agents, Contacts contacts, Tenants tenants, Cases cases) {
		this.tasks = tasks;
		this.agents = agents;
		this.contacts = contacts;
		this.tenants = tenants;
		this.cases = cases;
	}

	@GetMapping("/tasks")
	String list(CurrentUser user, @RequestParam(defaultValue = "mine") String show,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size, Model model) {
		boolean all = "all".equals(show);
		if (all) {
			user.require(Role.SUPERVISOR);
		}
		PageResult<Task> result = this.tasks.page(user.tenantId(), all ? null : user.userId(), TaskStatus.OPEN, page,
				size);
		List<Task> open = result.items();
		model.addAttribute("tasks", open);
		model.addAttribute("page", result);
		model.addAttribute("show", all ? "all" : "mine");
		model.addAttribute("canSeeAll", user.isAtLeast(Role.SUPERVISOR));
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(),
				open.stream().map(Task::assigneeId).filter(Objects::nonNull).distinct().toList()));
		model.addAttribute("contactNames", this.contacts.namesOf(user.tenantId(),
				open.stream().map(Task::contactId).filter(Objects::nonNull).distinct().toList()));
		model.addAttribute("caseSubjects", caseSubjects(user.tenantId(), open));
		model.addAttribute("zone", zone(user));
		model.addAttribute("now", Instant.now());
		return "tasks/list";
	}

	@PostMapping("/tasks/{id}/done")
	String done(CurrentUser user, @PathVariable long id, @RequestParam(defaultValue = "mine") String show) {
		this.tasks.complete(user.tenantId(), id);
		return "redirect:/tasks?show=" + ("all".equals(show) ? "all" : "mine");
	}

	@GetMapping("/tasks/contact-panel/{contactId}")
	String contactPanel(CurrentUser user, @PathVariable long contactId, Model model) {
		this.contacts.get(user.tenantId(), contactId);
		List<Task> open = this.tasks.openForContact(user.tenantId(), contactId);
		model.addAttribute("contactTasks", open);
		model.addAttribute("contactId", contactId);
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(),
				open.stream().map(Task::assigneeId).filter(Objects::nonNull).distinct().toList()));
		model.addAttribute("zone", zone(user));
		model.addAttribute("now", Instant.now());
		return "tasks/panels :: contactTasks";
	}

	@PostMapping("/tasks/contact-panel/{contactId}")
	String addForContact(CurrentUser user, @PathVariable long contactId, @RequestParam(defaultValue = "") String title,
			@RequestParam(required = false) @Nullable String due, Model model) {
		try {
			this.tasks.create(user.tenantId(),
					new Tasks.NewTask(title, null, dueAt(due, zone(user)), user.userId(), contactId, null));
		}
		catch (Problems.InvalidInput invalid) {
			model.addAttribute("errors", invalid.errors());
			model.addAttribute("newTitle", title);
			model.addAttribute("newDue", due);
		}
		return contactPanel(user, contactId, model);
	}

	@PostMapping("/tasks/contact-panel/{contactId}/{id}/done")
	String doneForContact(CurrentUser user, @PathVariable long contactId, @PathVariable long id, Model model) {
		this.tasks.complete(user.tenantId(), id);
		return contactPanel(user, contactId, model);
	}

	private Map<Long, String> caseSubjects(long tenantId, List<Task> shown) {
		Map<Long, String> subjects = new HashMap<>();
		this.cases.byIds(tenantId, shown.stream().map(Task::caseId).filter(Objects::nonNull).distinct().toList())
			.forEach((id, c) -> subjects.put(id, c.subject()));
		return subjects;
	}

	private ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	private static @Nullable Instant dueAt(@Nullable String due, ZoneId zone) {
		if (due == null || due.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(due.strip()).atZone(zone).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new Problems.InvalidInput("due", Text.of("task.badDue", due));
		}
	}

}
