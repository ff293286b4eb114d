package io.callbridge.campaigns;

import java.util.List;
import java.util.Optional;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.calls.DispositionOutcome;
import io.callbridge.calls.application.DispositionService;
import io.callbridge.calls.application.DispositionService.DispositionCommand;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Contacts' dispositions in campaigns: one per contact and campaign, with a visible
 * option of the campaign (a disposition may keep an option hidden since, but not switch
 * to one). When the call id given is a call the agent took part in, the option's outcome
 * is also recorded on that call, so it shows in the call history. Each save publishes
 * {@link CampaignDispositionSaved}.
 */
@Service
public class CampaignDispositions {

	private static final int MAX_COMMENTS = 4000;

	private final CampaignDispositionStore store;

	private final Campaigns campaigns;

	private final ContactDatabaseLookup databases;

	private final Contacts contacts;

	private final Calls calls;

	private final DispositionService callDispositions;

	private final ApplicationEventPublisher events;

	CampaignDispositions(CampaignDispositionStore store, Campaigns campaigns, ContactDatabaseLookup databases,
			Contacts contacts, Calls calls, DispositionService callDispositions, ApplicationEventPublisher events) {
		this.store = store;
		this.campaigns = campaigns;
		this.databases = databases;
		this.contacts = contacts;
		this.calls = calls;
		this.callDispositions = callDispositions;
		this.events = events;
	}

	/**
	 * A disposition as submitted.
	 *
	 * @param contactId the contact
	 * @param optionId the option chosen (its campaign is the disposition's)
	 * @param comments comments (may be empty)
	 * @param callid the call it is for, as the client knows it (a Callbridge call id
	 * records the outcome on that call too)
	 */
	public record DispositionRequest(long contactId, long optionId, @Nullable String comments,
			@Nullable String callid) {
	}

	/**
	 * Records a contact's disposition in the option's campaign.
	 * @throws Problems.InvalidInput on {@code optionId} (unknown or hidden),
	 * {@code contactId} (unknown or not in the campaign's database) or {@code comments}
	 * @throws Problems.Conflict when the contact already has a disposition in the
	 * campaign
	 */
	@Transactional
	public CampaignDisposition create(CurrentUser user, DispositionRequest request) {
		CampaignOption option = visibleOption(user.tenantId(), request.optionId(), null);
		Campaign campaign = checkedTarget(user, option, request, null);
		Long callId = callOf(user, request.callid());
		long id = this.store.insert(user.tenantId(), campaign.id(), request.contactId(), option.id(), user.userId(),
				comments(request), callid(request), callId);
		return saved(user, id, option, request, callId);
	}

	/**
	 * Changes one of the user's own dispositions; the user becomes its agent.
	 * @throws Problems.NotFound when it is not the user's
	 */
	@Transactional
	public CampaignDisposition update(CurrentUser user, long id, DispositionRequest request) {
		CampaignDisposition current = getOwn(user, id);
		CampaignOption option = visibleOption(user.tenantId(), request.optionId(), current.optionId());
		Campaign campaign = checkedTarget(user, option, request, current.id());
		Long callId = callOf(user, request.callid());
		this.store.update(id, campaign.id(), request.contactId(), option.id(), user.userId(), comments(request),
				callid(request), callId);
		return saved(user, id, option, request, callId);
	}

	/** The user's own dispositions. */
	public List<CampaignDisposition> listOwn(CurrentUser user) {
		return this.store.byAgent(user.tenantId(), user.userId());
	}

	/** One of the user's own dispositions; anyone else's is "not found". */
	public CampaignDisposition getOwn(CurrentUser user, long id) {
		return this.store.find(user.tenantId(), id)
			.filter((d) -> d.agentId() != null && d.agentId() == user.userId())
			.orElseThrow(() -> new Problems.NotFound(Text.of("what.campaignDisposition"), id));
	}

	/** The contact's dispositions in every campaign, latest first. */
	public List<CampaignDisposition> forContact(long tenantId, long contactId) {
		return this.store.byContact(tenantId, contactId);
	}

	/** The contact's disposition in the campaign. */
	public Optional<CampaignDisposition> find(long tenantId, long campaignId, long contactId) {
		return this.campaigns.find(tenantId, campaignId).flatMap((c) -> this.store.of(campaignId, contactId));
	}

	// A hidden option is refused unless the disposition has it already.
	private CampaignOption visibleOption(long tenantId, long optionId, @Nullable Long currentOptionId) {
		return this.campaigns.option(tenantId, optionId)
			.filter((o) -> !o.hidden() || (currentOptionId != null && o.id() == currentOptionId))
			.orElseThrow(() -> new Problems.InvalidInput("optionId",
					Text.of("campaignDisposition.optionUnknown", String.valueOf(optionId))));
	}

	private Campaign checkedTarget(CurrentUser user, CampaignOption option, DispositionRequest request,
			@Nullable Long self) {
		Campaign campaign = this.campaigns.get(user.tenantId(), option.campaignId());
		boolean known = this.contacts.find(user.tenantId(), request.contactId()).isPresent()
				&& (campaign.contactDatabaseId() == null
						|| this.databases.isInDatabase(request.contactId(), campaign.contactDatabaseId()));
		if (!known) {
			throw new Problems.InvalidInput("contactId",
					Text.of("campaignDisposition.contactUnknown", request.contactId(), campaign.name()));
		}
		if (request.comments() != null && request.comments().length() > MAX_COMMENTS) {
			throw new Problems.InvalidInput("comments", Text.of("task.notesTooLong", MAX_COMMENTS));
		}
		Optional<CampaignDisposition> other = this.store.of(campaign.id(), request.contactId())
			.filter((d) -> self == null || d.id() != self);
		if (other.isPresent()) {
			throw new Problems.Conflict(Text.of("campaignDisposition.exists", campaign.name()));
		}
		return campaign;
	}

	// Only a call of the tenant the user took part in is recorded against.
	private @Nullable Long callOf(CurrentUser user, @Nullable String callid) {
		if (callid == null || !callid.strip().matches("\\d{1,18}")) {
			return null;
		}
		long id = Long.parseLong(callid.strip());
		Optional<Call> call = this.calls.find(user.tenantId(), id);
		return (call.isPresent() && this.calls.participants(id).contains(user.userId())) ? id : null;
	}

	private CampaignDisposition saved(CurrentUser user, long id, CampaignOption option, DispositionRequest request,
			@Nullable Long callId) {
		if (callId != null && isActiveOutcome(user.tenantId(), option.outcomeCode())) {
			this.callDispositions.save(user, callId,
					new DispositionCommand(option.outcomeCode(), comments(request), null, null));
		}
		this.events.publishEvent(new CampaignDispositionSaved(user.tenantId(), id, option.campaignId(),
				request.contactId(), option.id(), callId));
		return this.store.find(user.tenantId(), id).orElseThrow();
	}

	// The call's own disposition refuses an outcome the tenant has retired; the
	// campaign's disposition stands without it.
	private boolean isActiveOutcome(long tenantId, String code) {
		return this.callDispositions.outcomes(tenantId, true)
			.stream()
			.map(DispositionOutcome::code)
			.anyMatch(code::equals);
	}

	private static String comments(DispositionRequest request) {
		return (request.comments() != null) ? request.comments() : "";
	}

	private static @Nullable String callid(DispositionRequest request) {
		if (request.callid() == null || request.callid().isBlank()) {
			return null;
		}
		String value = request.callid().strip();
		return (value.length() > 64) ? value.substring(0, 64) : value;
	}

}
