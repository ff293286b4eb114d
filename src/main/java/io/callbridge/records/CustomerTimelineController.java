package io.callbridge.records;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.callbridge.agents.Agents;
import io.callbridge.contacts.Contacts;
import io.callbridge.records.CustomerTimeline.Entry;
import io.callbridge.shared.CurrentUser;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The timeline panel of a customer's file (htmx, loaded by the contact's page): cases
 * with their follow-ups, tasks and calls, newest first, and the "New case" button.
 */
@Controller
class CustomerTimelineController {

	private final CustomerTimeline timeline;

	private final Contacts contacts;

	private final Agents agents;

	private final CasePageModels models;

	CustomerTimelineController(CustomerTimeline timeline, Contacts contacts, Agents agents, CasePageModels models) {
		this.timeline = timeline;
		this.contacts = contacts;
		this.agents = agents;
		this.models = models;
	}

	@GetMapping("/cases/contact-panel/{contactId}")
	String panel(CurrentUser user, @PathVariable long contactId, Model model) {
		this.contacts.get(user.tenantId(), contactId);
		List<Entry> entries = this.timeline.of(user.tenantId(), contactId);
		model.addAttribute("entries", entries);
		model.addAttribute("contactId", contactId);
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(), people(entries)));
		model.addAttribute("zone", this.models.zone(user));
		model.addAttribute("now", Instant.now());
		return "cases/panels :: timeline";
	}

	private static List<Long> people(List<Entry> entries) {
		return entries.stream()
			.flatMap((e) -> Stream.concat(Stream.of((e.customerCase() != null) ? e.customerCase().assigneeId() : null,
					(e.task() != null) ? e.task().assigneeId() : null, (e.call() != null) ? e.call().agentId() : null),
					e.followUps().stream().map(CaseFollowUp::authorId)))
			.filter(Objects::nonNull)
			.distinct()
			.toList();
	}

}
