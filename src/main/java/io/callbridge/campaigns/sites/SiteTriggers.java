package io.callbridge.campaigns.sites;

import io.callbridge.calls.CallAnswered;
import io.callbridge.calls.Calls;
import io.callbridge.campaigns.CampaignDispositionSaved;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.webhooks.EndpointMethod;
import io.callbridge.webhooks.PreparedRequest;
import io.callbridge.webhooks.PreparedRequest.BodyFormat;
import io.callbridge.webhooks.WebhookOutbox;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The server-side triggers of external sites: a SERVER site is called when its campaign's
 * call is answered (once per call), a DISPOSITION site without a target after a campaign
 * disposition of the call whose option triggers the CRM. The request is written to the
 * webhooks outbox synchronously, in the transaction of the fact, and delivered, retried
 * and logged from there.
 */
@Component
class SiteTriggers {

	static final String CALL_TYPE = "external_site.call";

	static final String DISPOSITION_TYPE = "external_site.disposition";

	private final Calls calls;

	private final Campaigns campaigns;

	private final SiteCalls siteCalls;

	private final WebhookOutbox outbox;

	SiteTriggers(Calls calls, Campaigns campaigns, SiteCalls siteCalls, WebhookOutbox outbox) {
		this.calls = calls;
		this.campaigns = campaigns;
		this.siteCalls = siteCalls;
		this.outbox = outbox;
	}

	// A call without a campaign has no site to tell: no read of the call (every answered
	// call of the webhook path comes here).
	@EventListener
	void on(CallAnswered event) {
		if (event.campaignId() == null) {
			return;
		}
		this.calls.find(event.tenantId(), event.callId())
			.flatMap((call) -> this.siteCalls.of(call, null))
			.filter((resolved) -> resolved.site().trigger() == SiteTrigger.SERVER)
			.ifPresent((resolved) -> send(resolved, CALL_TYPE, "site:" + event.callId(), true));
	}

	@EventListener
	void on(CampaignDispositionSaved event) {
		if (event.callId() == null) {
			// Without a call there is no call data to map: nothing is sent.
			return;
		}
		CampaignOption option = this.campaigns.option(event.tenantId(), event.optionId()).orElse(null);
		if (option == null || !option.crmInteraction()) {
			return;
		}
		CrmData.Disposition disposition = new CrmData.Disposition(event.dispositionId(), option.name());
		this.calls.find(event.tenantId(), event.callId())
			.filter((call) -> call.campaignId() != null && call.campaignId() == event.campaignId())
			.flatMap((call) -> this.siteCalls.of(call, disposition))
			.filter((resolved) -> resolved.site().trigger() == SiteTrigger.DISPOSITION && resolved.site().serverSide())
			.ifPresent((resolved) -> send(resolved, DISPOSITION_TYPE, "site:" + event.callId(), false));
	}

	private void send(SiteCalls.Resolved resolved, String type, String orderKey, boolean once) {
		ExternalSite site = resolved.site();
		if (site.endpointId() == null) {
			return;
		}
		PreparedRequest request = new PreparedRequest(resolved.url(), EndpointMethod.valueOf(site.method().name()),
				(site.format() != null && site.method() == SiteMethod.POST) ? BodyFormat.valueOf(site.format().name())
						: null,
				resolved.params().stream().map((p) -> new PreparedRequest.Param(p.name(), p.value())).toList(),
				site.authId());
		this.outbox.enqueueTo(site.endpointId(), site.tenantId(), type, orderKey, request, once);
	}

}
