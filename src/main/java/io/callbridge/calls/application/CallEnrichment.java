package io.callbridge.calls.application;

import java.util.List;
import java.util.Optional;

import io.callbridge.calls.CampaignLines;
import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.application.Originations.Origination;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Fills in what a call learns from its events once: direction, our line, the other
 * party's number in E.164, the contact (when exactly one has that number), the campaign
 * (of the click-to-call, or of the line an inbound call arrived at) and, for
 * click-to-call, who started it.
 */
@Component
class CallEnrichment {

	private final CallRecords records;

	private final ContactService contactService;

	private final Contacts contacts;

	private final Originations originations;

	// Optional: the module that keeps campaigns provides it; calls never depends on it.
	private final ObjectProvider<CampaignLines> campaignLines;

	CallEnrichment(CallRecords records, ContactService contactService, Contacts contacts, Originations originations,
			ObjectProvider<CampaignLines> campaignLines) {
		this.records = records;
		this.contactService = contactService;
		this.contacts = contacts;
		this.originations = originations;
		this.campaignLines = campaignLines;
	}

	/**
	 * Enriches the call from one of its events.
	 * @return the call's direction afterwards
	 */
	CallDirection enrich(LockedCall call, long accountId, ProviderCallEvent event) {
		CallDirection direction = call.direction();
		// A click-to-call keeps its direction: later events may describe it the other
		// way round (see claimReversedOrigination).
		if (call.originatedBy() == null && event.direction() != null && event.direction() != direction) {
			direction = event.direction();
			this.records.setDirection(call.id(), direction);
		}
		if (call.ourLine() == null && event.ourLine() != null) {
			this.records.setOurLine(call.id(), event.ourLine());
			if (direction == CallDirection.INBOUND && call.campaignId() == null) {
				campaignOfLine(call, accountId, event.ourLine());
			}
		}
		String e164 = null;
		if (call.externalNumberRaw() == null && event.externalNumber() != null) {
			e164 = normalize(call.tenantId(), event.externalNumber());
			this.records.setNumber(call.id(), event.externalNumber(), e164);
		}
		Long contactId = call.contactId();
		if (direction == CallDirection.OUTBOUND && call.originatedBy() == null) {
			contactId = claimOrigination(call, accountId, event, e164).orElse(contactId);
		}
		else if (direction == CallDirection.INBOUND && call.originatedBy() == null && e164 != null) {
			Optional<Origination> claimed = claimReversedOrigination(call, accountId, event, e164);
			if (claimed.isPresent()) {
				direction = CallDirection.OUTBOUND;
				contactId = (claimed.get().contactId() != null) ? claimed.get().contactId() : contactId;
			}
		}
		if (contactId == null && e164 != null) {
			List<Contact> matches = this.contacts.findByNumber(call.tenantId(), e164);
			if (matches.size() == 1) {
				this.records.setContact(call.id(), matches.get(0).id());
			}
		}
		return direction;
	}

	/**
	 * A click-to-call that rings the contact first (CallMyWay's
	 * {@code callFirst=contact}) may be reported as the contact calling the agent's
	 * extension. When a call that looks inbound joins the agent's extension with the
	 * number that agent asked to call moments ago, it is that click-to-call: it becomes
	 * the agent's outbound call, so the pop-up offers no chooser and no missed-call task
	 * is created for it.
	 */
	private Optional<Origination> claimReversedOrigination(LockedCall call, long accountId, ProviderCallEvent event,
			String e164) {
		if (event.extension() == null) {
			return Optional.empty();
		}
		Optional<Origination> origination = this.originations.claimReversed(accountId, call.id(), event.extension(),
				e164, event.occurredAt());
		origination.ifPresent((found) -> {
			this.records.setDirection(call.id(), CallDirection.OUTBOUND);
			recordOriginator(call, found);
		});
		return origination;
	}

	private Optional<Long> claimOrigination(LockedCall call, long accountId, ProviderCallEvent event,
			@Nullable String e164) {
		Optional<Origination> origination = this.originations.claim(accountId, call.id(), event.providerCallId(),
				event.extension(), e164, event.occurredAt());
		origination.ifPresent((found) -> recordOriginator(call, found));
		return origination.map(Origination::contactId);
	}

	private void campaignOfLine(LockedCall call, long accountId, String ourLine) {
		CampaignLines lines = this.campaignLines.getIfAvailable();
		if (lines != null) {
			lines.campaignFor(call.tenantId(), accountId, ourLine)
				.ifPresent((campaignId) -> this.records.setCampaign(call.id(), campaignId));
		}
	}

	private void recordOriginator(LockedCall call, Origination found) {
		this.records.setOriginator(call.id(), found.agentId());
		if (found.campaignId() != null) {
			this.records.setCampaign(call.id(), found.campaignId());
		}
		if (found.contactId() != null && call.contactId() == null) {
			this.records.setContact(call.id(), found.contactId());
		}
	}

	private @Nullable String normalize(long tenantId, String raw) {
		return (this.contactService.normalize(tenantId, raw) instanceof PhoneNumber.Valid valid) ? valid.e164() : null;
	}

}
