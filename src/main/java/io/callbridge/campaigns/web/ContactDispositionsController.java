package io.callbridge.campaigns.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.callbridge.agents.Agents;
import io.callbridge.campaigns.CampaignDisposition;
import io.callbridge.campaigns.CampaignDispositions;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.tenants.Tenants;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * A contact's dispositions in campaigns, as a fragment of the contact's page that the
 * page loads with htmx (so the contacts module does not depend on campaigns).
 */
@Controller
class ContactDispositionsController {

	private final CampaignDispositions dispositions;

	private final Campaigns campaigns;

	private final Contacts contacts;

	private final Agents agents;

	private final Tenants tenants;

	ContactDispositionsController(CampaignDispositions dispositions, Campaigns campaigns, Contacts contacts,
			Agents agents, Tenants tenants) {
		this.dispositions = dispositions;
		this.campaigns = campaigns;
		this.contacts = contacts;
		this.agents = agents;
		this.tenants = tenants;
	}

	@GetMapping("/campaigns/contacts/{contactId}/dispositions")
	String dispositions(CurrentUser user, @PathVariable long contactId, Model model) {
		this.contacts.get(user.tenantId(), contactId);
		List<CampaignDisposition> list = this.dispositions.forContact(user.tenantId(), contactId);
		Map<Long, CampaignOption> options = new HashMap<>();
		list.forEach(
				(d) -> this.campaigns.option(user.tenantId(), d.optionId()).ifPresent((o) -> options.put(o.id(), o)));
		model.addAttribute("campaignDispositions", list);
		model.addAttribute("campaignNames", this.campaigns.names(user.tenantId()));
		model.addAttribute("optionsById", options);
		model.addAttribute("agentsById", this.agents.byIds(user.tenantId(),
				list.stream().map(CampaignDisposition::agentId).filter(Objects::nonNull).toList()));
		model.addAttribute("zone", this.tenants.get(user.tenantId()).timeZone());
		return "campaigns/contact-dispositions :: campaignDispositions";
	}

}
