package io.callbridge.calls.application;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.callbridge.calls.application.CallRecords.LockedCall;
import io.callbridge.calls.application.Originations.PendingRequests;
import io.callbridge.contacts.Callers;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.ProviderCallEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Reads at once, for all the calls of an applying transaction, what
 * {@link CallEnrichment} would otherwise read one call at a time: the contacts of the
 * numbers the calls learn, and the click-to-call requests they may belong to. A burst of
 * rings is many new calls in one transaction (200 rings in 5 lane transactions), each of
 * which cost a contacts lookup and a requests lookup; now each is a statement per
 * transaction. Read in the applying transaction just before the calls are enriched, so it
 * finds what a lookup per call would; where nothing was read ahead (a call alone, or
 * events spread over a long time) the enrichment looks up as before.
 */
@Component
class EnrichmentAhead {

	/**
	 * Events further apart than this are not looked up together: the requests of the
	 * whole period would be read.
	 */
	private static final Duration WIDEST = Duration.ofMinutes(10);

	private final ContactService contactService;

	private final Callers callers;

	private final Originations originations;

	EnrichmentAhead(ContactService contactService, Callers callers, Originations originations) {
		this.contactService = contactService;
		this.callers = callers;
		this.originations = originations;
	}

	/**
	 * A call about to be enriched from its events.
	 *
	 * @param call the call as stored (or as inserted)
	 * @param accountId its account
	 * @param events the events it is enriched from, in order
	 */
	record Enriching(LockedCall call, long accountId, List<ProviderCallEvent> events) {
	}

	/**
	 * What was read ahead.
	 *
	 * @param contacts the contacts of each number read, by tenant and number
	 * @param requests the click-to-call requests that calls of an account may belong to,
	 * by account
	 */
	record Found(Map<TenantNumber, List<Callers.Match>> contacts, Map<Long, PendingRequests> requests) {

		static final Found NONE = new Found(Map.of(), Map.of());

		/** The contacts of the number, or null when they were not read ahead. */
		@Nullable List<Callers.Match> contactsOf(long tenantId, String e164) {
			return this.contacts.get(new TenantNumber(tenantId, e164));
		}

		/**
		 * Whether a request may be the call's (its claim must then look): always, unless
		 * the account's requests were read ahead and none can be.
		 */
		boolean mayClaim(long accountId, String providerCallId, @Nullable String e164, Instant at) {
			PendingRequests pending = this.requests.get(accountId);
			return pending == null || pending.mayClaim(providerCallId, e164, at, at);
		}

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
	 * Reads ahead for the calls of a transaction.
	 * @param calls the calls
	 * @return what was read
	 */
	Found read(List<Enriching> calls) {
		if (calls.size() < 2) {
			// One call is the same statements either way.
			return Found.NONE;
		}
		return new Found(contacts(calls), requests(calls));
	}

	// The calls without a number or contact yet learn one from their events: one lookup
	// per tenant for their numbers, when there are several.
	private Map<TenantNumber, List<Callers.Match>> contacts(List<Enriching> calls) {
		Map<Long, Set<String>> numbers = new HashMap<>();
		int count = 0;
		for (Enriching enriching : calls) {
			LockedCall call = enriching.call();
			if (call.contactId() != null || call.externalNumberRaw() != null) {
				continue;
			}
			String e164 = enriching.events()
				.stream()
				.map(ProviderCallEvent::externalNumber)
				.filter(Objects::nonNull)
				.findFirst()
				.map((raw) -> e164(call.tenantId(), raw))
				.orElse(null);
			if (e164 != null && numbers.computeIfAbsent(call.tenantId(), (t) -> new LinkedHashSet<>()).add(e164)) {
				count++;
			}
		}
		if (count < 2) {
			return Map.of();
		}
		Map<TenantNumber, List<Callers.Match>> found = new HashMap<>();
		numbers.forEach((tenantId, e164s) -> this.callers.contactsWith(tenantId, e164s)
			.forEach((e164, matches) -> found.put(new TenantNumber(tenantId, e164), matches)));
		return found;
	}

	// A call whose claim would look for a request: no originator yet, and going out (by
	// provider id) or with a number (by number and time). Per account with several such
	// calls, the requests of their period are read once (Originations.pending, as the
	// call history's pages do).
	private Map<Long, PendingRequests> requests(List<Enriching> calls) {
		Map<Long, List<Enriching>> byAccount = new LinkedHashMap<>();
		for (Enriching enriching : calls) {
			if (mayLookForRequest(enriching)) {
				byAccount.computeIfAbsent(enriching.accountId(), (a) -> new ArrayList<>()).add(enriching);
			}
		}
		Map<Long, PendingRequests> found = new HashMap<>();
		byAccount.forEach((accountId, candidates) -> {
			if (candidates.size() < 2) {
				return;
			}
			List<Instant> times = candidates.stream()
				.flatMap((c) -> c.events().stream())
				.map(ProviderCallEvent::occurredAt)
				.sorted()
				.toList();
			Instant from = times.get(0);
			Instant to = times.get(times.size() - 1);
			if (Duration.between(from, to).compareTo(WIDEST) > 0) {
				return;
			}
			List<String> goingOut = candidates.stream()
				.filter(EnrichmentAhead::mayGoOut)
				.map((c) -> c.events().get(0).providerCallId())
				.toList();
			found.put(accountId, this.originations.pending(accountId, goingOut, from, to));
		});
		return found;
	}

	private static boolean mayLookForRequest(Enriching enriching) {
		return enriching.call().originatedBy() == null && (mayGoOut(enriching)
				|| enriching.events().stream().anyMatch((event) -> event.externalNumber() != null));
	}

	private static boolean mayGoOut(Enriching enriching) {
		return enriching.call().direction() == CallDirection.OUTBOUND
				|| enriching.events().stream().anyMatch((event) -> event.direction() == CallDirection.OUTBOUND);
	}

	/**
	 * A number as the enrichment keeps it: E.164 when valid, else null. One definition,
	 * so numbers read ahead are keyed as the enrichment looks them up.
	 */
	@Nullable String e164(long tenantId, String raw) {
		return (this.contactService.normalize(tenantId, raw) instanceof PhoneNumber.Valid valid) ? valid.e164() : null;
	}

}
