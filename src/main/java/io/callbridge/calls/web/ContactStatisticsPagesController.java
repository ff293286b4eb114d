package io.callbridge.calls.web;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.ContactCallStatistics;
import io.callbridge.calls.ContactCallStatistics.RecordedCall;
import io.callbridge.calls.ContactCallStatisticsQuery;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The call statistics panel of a contact's file (loaded by htmx, like its calls panel):
 * the figures, and the last recorded calls with one player, which plays the newest at
 * first and another call's recording when asked. The player is the recordings module's
 * own panel, loaded from it, so its access rules and states (not fetched yet, missing,
 * failed) are those of the call page.
 */
@Controller
class ContactStatisticsPagesController {

	private final Contacts contacts;

	private final ContactCallStatisticsQuery statistics;

	private final Calls calls;

	private final Agents agents;

	private final Tenants tenants;

	ContactStatisticsPagesController(Contacts contacts, ContactCallStatisticsQuery statistics, Calls calls,
			Agents agents, Tenants tenants) {
		this.contacts = contacts;
		this.statistics = statistics;
		this.calls = calls;
		this.agents = agents;
		this.tenants = tenants;
	}

	@GetMapping("/calls/contact-statistics/{contactId}")
	String panel(CurrentUser user, @PathVariable long contactId, Model model) {
		this.contacts.get(user.tenantId(), contactId);
		ContactCallStatistics stats = this.statistics.of(user.tenantId(), contactId);
		Set<Long> agentIds = new HashSet<>();
		stats.recordings().stream().map(RecordedCall::agentId).filter(Objects::nonNull).forEach(agentIds::add);
		if (stats.lastContact() != null && stats.lastContact().agentId() != null) {
			agentIds.add(stats.lastContact().agentId());
		}
		model.addAttribute("stats", stats);
		model.addAttribute("contactId", contactId);
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(), agentIds));
		model.addAttribute("playing", stats.recordings().isEmpty() ? null : stats.recordings().get(0));
		model.addAttribute("zone", zone(user));
		return "calls/contact-statistics :: panel";
	}

	/** The player for another recorded call of the contact, replacing the current one. */
	@GetMapping("/calls/contact-statistics/{contactId}/player")
	String player(CurrentUser user, @PathVariable long contactId, @RequestParam long call, Model model) {
		Call played = this.calls.get(user.tenantId(), call);
		if (!Objects.equals(played.contactId(), contactId)) {
			// Only the contact's own calls are listed; any other id is no call of this
			// file.
			throw new Problems.NotFound(Text.of("what.call"), call);
		}
		model.addAttribute("playing", new RecordedCall(played.id(), played.startedAt(), played.direction(),
				played.result(), played.talkSeconds(), played.agentId()));
		model.addAttribute("agentsById",
				this.agents.byIds(user.tenantId(), (played.agentId() != null) ? Set.of(played.agentId()) : Set.of()));
		model.addAttribute("zone", zone(user));
		return "calls/contact-statistics :: player";
	}

	private ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

}
