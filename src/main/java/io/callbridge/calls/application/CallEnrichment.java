package io.callbridge.calls.application;

import java.util.List;
import java.util.Optional;

import io.callbridge.calls.CampaignLines;
import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.application.Originations.Origination;
import io.callbridge.contacts.Callers;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.util.function.SingletonSupplier;

/**
 * Fills in what a call learns from its events once: direction, our line, the other
 * party's number in E.164, the contact (when exactly one has that number), the campaign
 * (of the click-to-call, or of the line an inbound call arrived at) and, for
 * click-to-call, who started it. It only works out the call as it is now; the caller
 * stores it with the summary, in one statement.
 */
@Component
class CallEnrichment {

	private final Callers callers;

	private final Originations originations;

	// Optional: the module that keeps campaigns provides it; calls never depends on it.
	// Looked up once: the provider's lookup in the bean factory, at each inbound call's
	// line, was 3 % of the ingestion lanes' CPU.
	private final SingletonSupplier<CampaignLines> campaignLines;

	private final EnrichmentAhead ahead;

	CallEnrichment(Callers callers, Originations originations, ObjectProvider<CampaignLines> campaignLines,
			EnrichmentAhead ahead) {
		this.ahead = ahead;
		this.callers = callers;
		this.originations = originations;
		this.campaignLines = SingletonSupplier.of(campaignLines::getIfAvailable);
	}

	/**
	 * What enriching these calls would read one call at a time, read at once for all of
	 * them ({@link EnrichmentAhead}).
	 * @param calls the calls of a transaction
	 * @return what was read, to pass to {@link #enrich}
	 */
	EnrichmentAhead.Found readAhead(List<EnrichmentAhead.Enriching> calls) {
		return this.ahead.read(calls);
	}

	/**
	 * Enriches the call from one of its events, from what was read ahead where it was
	 * (the contacts of its number, whether a click-to-call request may be its).
	 * @return the call as it is now (direction, numbers, contact, originator, campaign)
	 */
	LockedCall enrich(LockedCall call, long accountId, ProviderCallEvent event, EnrichmentAhead.Found ahead) {
		LockedCall now = call;
		// A click-to-call keeps its direction: later events may describe it the other
		// way round (see claimReversedOrigination).
		if (now.originatedBy() == null && event.direction() != null && event.direction() != now.direction()) {
			now = now.withDirection(event.direction());
		}
		if (now.ourLine() == null && event.ourLine() != null) {
			now = now.withOurLine(event.ourLine());
			if (now.direction() == CallDirection.INBOUND && now.campaignId() == null) {
				now = campaignOfLine(now, accountId, event.ourLine());
			}
		}
		String e164 = null;
		if (now.externalNumberRaw() == null && event.externalNumber() != null) {
			e164 = this.ahead.e164(now.tenantId(), event.externalNumber());
			now = now.withNumber(event.externalNumber(), e164);
		}
		if (now.direction() == CallDirection.OUTBOUND && now.originatedBy() == null) {
			if (ahead.mayClaim(accountId, event.providerCallId(), e164, event.occurredAt())) {
				now = claimOrigination(now, accountId, event, e164);
			}
		}
		else if (now.direction() == CallDirection.INBOUND && now.originatedBy() == null && e164 != null) {
			if (ahead.mayClaim(accountId, event.providerCallId(), e164, event.occurredAt())) {
				now = claimReversedOrigination(now, accountId, event, e164);
			}
		}
		if (now.contactId() == null && e164 != null) {
			List<Callers.Match> matches = ahead.contactsOf(now.tenantId(), e164);
			if (matches == null) {
				matches = this.callers.contactsWith(now.tenantId(), e164);
			}
			if (matches.size() == 1) {
				now = now.withContact(matches.get(0).id());
			}
		}
		return now;
	}

	/**
	 * A click-to-call that rings the contact first (CallMyWay's
	 * {@code callFirst=contact}) may be reported as the contact calling the agent's
	 * extension. When a call that looks inbound joins the agent's extension with the
	 * number that agent asked to call moments ago, it is that click-to-call: it becomes
	 * the agent's outbound call, so the pop-up offers no chooser and no missed-call task
	 * is created for it.
	 */
	private LockedCall claimReversedOrigination(LockedCall call, long accountId, ProviderCallEvent event, String e164) {
		if (event.extension() == null) {
			return call;
		}
		Optional<Origination> origination = this.originations.claimReversed(accountId, call.id(), event.extension(),
				e164, event.occurredAt());
		if (origination.isEmpty()) {
			return call;
		}
		return recordOriginator(call.withDirection(CallDirection.OUTBOUND), origination.get());
	}

	private LockedCall claimOrigination(LockedCall call, long accountId, ProviderCallEvent event,
			@Nullable String e164) {
		Optional<Origination> origination = this.originations.claim(accountId, call.id(), event.providerCallId(),
				event.extension(), e164, event.occurredAt());
		return origination.map((found) -> recordOriginator(call, found)).orElse(call);
	}

	private LockedCall campaignOfLine(LockedCall call, long accountId, String ourLine) {
		CampaignLines lines = this.campaignLines.get();
		if (lines == null) {
			return call;
		}
		Optional<Long> campaign = lines.campaignFor(call.tenantId(), accountId, ourLine);
		return campaign.map(call::withCampaign).orElse(call);
	}

	private LockedCall recordOriginator(LockedCall call, Origination found) {
		LockedCall now = call.withOriginator(found.agentId());
		if (found.campaignId() != null) {
			now = now.withCampaign(found.campaignId());
		}
		if (found.contactId() != null && call.contactId() == null) {
			now = now.withContact(found.contactId());
		}
		return now;
	}

}
