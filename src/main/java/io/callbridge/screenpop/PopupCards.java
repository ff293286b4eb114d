package io.callbridge.screenpop;

import java.util.List;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.calls.model.CallState;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.Contacts;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.records.Case;
import io.callbridge.records.CaseStatus;
import io.callbridge.records.Cases;
import io.callbridge.records.Tasks;
import io.callbridge.screenpop.PopupCard.Relation;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.tenants.Tenants;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Builds the pop-up card of a call for the agent viewing it.
 */
@Component
class PopupCards {

	private static final int RECENT_CALLS = 5;

	private final Calls calls;

	private final Contacts contacts;

	private final Agents agents;

	private final Tasks tasks;

	private final DispositionService dispositions;

	private final Tenants tenants;

	private final Cases cases;

	private final CampaignChoices campaignChoices;

	PopupCards(Calls calls, Contacts contacts, Agents agents, Tasks tasks, DispositionService dispositions,
			Tenants tenants, Cases cases, CampaignChoices campaignChoices) {
		this.campaignChoices = campaignChoices;
		this.calls = calls;
		this.contacts = contacts;
		this.agents = agents;
		this.tasks = tasks;
		this.dispositions = dispositions;
		this.tenants = tenants;
		this.cases = cases;
	}

	PopupCard card(CurrentUser user, long callId) {
		Call call = this.calls.get(user.tenantId(), callId);
		boolean participant = this.calls.participants(callId).contains(user.userId());
		if (!participant && !user.isAtLeast(Role.SUPERVISOR)) {
			throw new Problems.Forbidden(Text.of("popup.notYours"));
		}
		Relation relation = relation(user, call);
		Contact contact = (call.contactId() != null)
				? this.contacts.find(user.tenantId(), call.contactId()).orElse(null) : null;
		List<Contact> candidates = (contact == null && call.externalNumber() != null)
				? this.contacts.findByNumber(user.tenantId(), call.externalNumber()) : List.of();
		if (contact == null && candidates.size() == 1) {
			contact = candidates.get(0);
		}
		boolean canDispose = call.state() != CallState.RINGING && (participant || user.isAtLeast(Role.SUPERVISOR));
		return new PopupCard(call, relation,
				(call.externalNumber() != null) ? PhoneNumbers.display(call.externalNumber()) : rawOrNull(call),
				ownerName(user, call), contact, responsibleName(user, contact), recentCalls(user, call, contact),
				(contact != null) ? this.tasks.openForContact(user.tenantId(), contact.id()) : List.of(),
				(contact == null) ? candidates : List.of(), this.dispositions.outcomes(user.tenantId(), true),
				this.dispositions.find(user.tenantId(), callId).orElse(null), canDispose,
				this.tenants.get(user.tenantId()).timeZone(), openCases(user, contact),
				this.campaignChoices.of(user.tenantId(), call, call.contactId()));
	}

	private List<Case> openCases(CurrentUser user, @Nullable Contact contact) {
		if (contact == null) {
			return List.of();
		}
		return this.cases.forCustomer(user.tenantId(), contact.id())
			.stream()
			.filter((c) -> c.status() != CaseStatus.CLOSED)
			.toList();
	}

	private static Relation relation(CurrentUser user, Call call) {
		if (call.state() == CallState.ENDED) {
			return Relation.ENDED;
		}
		boolean mine = (call.agentId() != null && call.agentId() == user.userId())
				|| (call.originatedBy() != null && call.originatedBy() == user.userId());
		if (mine) {
			return Relation.MINE;
		}
		return (call.state() == CallState.ANSWERED) ? Relation.ANSWERED_ELSEWHERE : Relation.RINGING_FOR_ME;
	}

	// A number that could not be read as E.164 (e.g. an internal extension) is still
	// shown as received.
	private static @Nullable String rawOrNull(Call call) {
		String raw = call.externalNumberRaw();
		return (raw == null || raw.isBlank() || "anonymous".equalsIgnoreCase(raw)) ? null : raw;
	}

	private @Nullable String ownerName(CurrentUser user, Call call) {
		if (call.agentId() == null) {
			return null;
		}
		return this.agents.find(user.tenantId(), call.agentId()).map(Agent::displayName).orElse(null);
	}

	private @Nullable String responsibleName(CurrentUser user, @Nullable Contact contact) {
		if (contact == null || contact.responsibleId() == null) {
			return null;
		}
		Optional<Agent> agent = this.agents.find(user.tenantId(), contact.responsibleId());
		return agent.map(Agent::displayName).orElse(null);
	}

	private List<Call> recentCalls(CurrentUser user, Call call, @Nullable Contact contact) {
		List<Call> recent = (contact != null)
				? this.calls.recentForContact(user.tenantId(), contact.id(), RECENT_CALLS + 1)
				: (call.externalNumber() != null)
						? this.calls.recentForNumber(user.tenantId(), call.externalNumber(), RECENT_CALLS + 1)
						: List.of();
		return recent.stream().filter((c) -> c.id() != call.id()).limit(RECENT_CALLS).toList();
	}

}
