package io.callbridge.campaigns.sites;

import java.util.Locale;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.campaigns.CampaignDisposition;
import io.callbridge.campaigns.CampaignDispositions;
import io.callbridge.campaigns.Campaigns;

import org.springframework.stereotype.Service;

/**
 * The browser side of "URL externa": for the agent on a campaign call, what the console
 * card opens. AUTOMATIC sites open once the call is connected, BUTTON sites on the
 * agent's click, DISPOSITION sites with a target once the call's campaign disposition is
 * saved with an option that triggers the CRM. Server-side sites show nothing here.
 */
@Service
public class CrmInteractions {

	private final SiteCalls siteCalls;

	private final CampaignDispositions dispositions;

	private final Campaigns campaigns;

	CrmInteractions(SiteCalls siteCalls, CampaignDispositions dispositions, Campaigns campaigns) {
		this.siteCalls = siteCalls;
		this.dispositions = dispositions;
		this.campaigns = campaigns;
	}

	/**
	 * What the viewer's card of the call opens.
	 * @param call the call
	 * @param viewerId the agent looking at the card: only the call's own agent gets it
	 */
	public Optional<CrmInteraction> forCard(Call call, long viewerId) {
		if (call.agentId() == null || call.agentId() != viewerId || call.campaignId() == null) {
			return Optional.empty();
		}
		CrmData.Disposition disposition = disposition(call).orElse(null);
		return this.siteCalls.of(call, disposition).flatMap((resolved) -> interaction(call, resolved, disposition));
	}

	private Optional<CrmInteraction> interaction(Call call, SiteCalls.Resolved resolved,
			CrmData.Disposition disposition) {
		ExternalSite site = resolved.site();
		if (site.serverSide()) {
			return Optional.empty();
		}
		boolean automatic = switch (site.trigger()) {
			case AUTOMATIC -> call.answeredAt() != null;
			case DISPOSITION -> disposition != null;
			case BUTTON, SERVER -> false;
		};
		if (site.trigger() != SiteTrigger.BUTTON && !automatic) {
			return Optional.empty();
		}
		SiteFormat format = (site.format() != null) ? site.format() : SiteFormat.FORM;
		return Optional
			.of(new CrmInteraction(resolved.url(), site.method().name().toLowerCase(Locale.ROOT), format.enctype(),
					"crm-" + call.id(), site.target() == SiteTarget.EMBEDDED, automatic, resolved.params(),
					call.id() + ":" + site.trigger().name() + ((disposition != null) ? ":" + disposition.id() : "")));
	}

	// The call's campaign disposition whose option triggers the CRM, if saved.
	private Optional<CrmData.Disposition> disposition(Call call) {
		if (call.contactId() == null) {
			return Optional.empty();
		}
		Optional<CampaignDisposition> saved = this.dispositions
			.find(call.tenantId(), call.campaignId(), call.contactId())
			.filter((d) -> d.callId() != null && d.callId() == call.id());
		return saved.flatMap((d) -> this.campaigns.option(call.tenantId(), d.optionId())
			.filter((o) -> o.crmInteraction())
			.map((o) -> new CrmData.Disposition(d.id(), o.name())));
	}

}
