package io.callbridge.calls.application;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.callbridge.calls.CampaignLines;
import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.application.Originations.Origination;
import io.callbridge.contacts.Callers;
import io.callbridge.contacts.ContactService;
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
 * click-to-call, who started it. It only works out the call as it is now; the caller
 * stores it with the summary, in one statement.
 */
@Component
class CallEnrichment {

	private final ContactService contactService;

	private final Callers callers;

	private final Originations originations;

	// Optional: the module that keeps campaigns provides it; calls never depends on it.
	private final ObjectProvider<CampaignLines> campaignLines;

	CallEnrichment(ContactService contactService, Callers callers, Originations originations,
			ObjectProvider<CampaignLines> campaignLines) {
		this.contactService = contactService;
		this.callers = callers;
		this.originations = originations;
		this.campaignLines = campaignLines;
	}

	/**
	 * A call about to be enriched from its events.
	 *
	 * @param call the call as stored (or as inserted)
	 * @param events the events it is enriched from, in order
	 */
	record Enriching(LockedCall call, List<ProviderCallEvent> events) {
	}

	/**
	 * The contacts of the numbers that calls will learn from their events (those without
	 * a number or contact yet), read at once for all of them: a burst of rings is many
	 * new numbers in one transaction, which {@link #enrich} would look up one by one.
	 * Read in the applying transaction, just before the enrichment, so it finds what a
	 * lookup per number would.
	 * @param calls the calls of a transaction
	 * @return the contacts found, to pass to {@link #enrich}
	 */
	ContactsAhead contactsAhead(List<Enriching> calls) {
		Map<Long, Set<String>> numbers = new HashMap<>();
		int count = 0;
		for (Enriching enriching : calls) {
			LockedCall call = enriching.call();
			if (call.contactId() != null || call.externalNumberRaw() != null) {
				continue;
			}
			String raw = enriching.events()
				.stream()
				.map(ProviderCallEvent::externalNumber)
				.filter((number) -> number != null)
				.findFirst()
				.orElse(null);
			String e164 = (raw != null) ? normalize(call.tenantId(), raw) : null;
			if (e164 != null && numbers.computeIfAbsent(call.tenantId(), (t) -> new LinkedHashSet<>()).add(e164)) {
				count++;
			}
		}
		if (count < 2) {
			// One number is the same one statement either way.
			return ContactsAhead.NONE;
		}
		Map<TenantNumber, List<Callers.Match>> found = new HashMap<>();
		numbers.forEach((tenantId, e164s) -> this.callers.contactsWith(tenantId, e164s)
			.forEach((e164, matches) -> found.put(new TenantNumber(tenantId, e164), matches)));
		return new ContactsAhead(found);
	}

	/**
	 * Contacts of numbers read ahead ({@link #contactsAhead}).
	 *
	 * @param byNumber the contacts of each number read, by tenant and number
	 */
	record ContactsAhead(Map<TenantNumber, List<Callers.Match>> byNumber) {

		static final ContactsAhead NONE = new ContactsAhead(Map.of());

	}

	/**
	 * A tenant's number.
	 *
	 * @param tenantId the tenant
	 * @param e164 the number in E.164
	 */
	record TenantNumber(long tenantId, String e164) {
	}

	/**
	 * Enriches the call from one of its events, the contacts of its number taken from
	 * those read ahead when they were.
	 * @return the call as it is now (direction, numbers, contact, originator, campaign)
	 */
	LockedCall enrich(LockedCall call, long accountId, ProviderCallEvent event, ContactsAhead ahead) {
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
			e164 = normalize(now.tenantId(), event.externalNumber());
			now = now.withNumber(event.externalNumber(), e164);
		}
		if (now.direction() == CallDirection.OUTBOUND && now.originatedBy() == null) {
			now = claimOrigination(now, accountId, event, e164);
		}
		else if (now.direction() == CallDirection.INBOUND && now.originatedBy() == null && e164 != null) {
			now = claimReversedOrigination(now, accountId, event, e164);
		}
		if (now.contactId() == null && e164 != null) {
			List<Callers.Match> matches = ahead.byNumber().get(new TenantNumber(now.tenantId(), e164));
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
		CampaignLines lines = this.campaignLines.getIfAvailable();
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

	private @Nullable String normalize(long tenantId, String raw) {
		return (this.contactService.normalize(tenantId, raw) instanceof PhoneNumber.Valid valid) ? valid.e164() : null;
	}

}
