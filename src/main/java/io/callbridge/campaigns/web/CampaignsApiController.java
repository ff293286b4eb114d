package io.callbridge.campaigns.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.callbridge.calls.application.ClickToCall.Originated;
import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignAgent;
import io.callbridge.campaigns.CampaignCalls;
import io.callbridge.campaigns.CampaignCommand;
import io.callbridge.campaigns.CampaignFilter;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.CampaignOptionCommand;
import io.callbridge.campaigns.CampaignState;
import io.callbridge.campaigns.CampaignType;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.DuplicatePolicy;
import io.callbridge.campaigns.Interaction;
import io.callbridge.campaigns.OptionKind;
import io.callbridge.campaigns.SaveResult;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * REST API for campaigns: list, read, create and change one (with its agents and
 * disposition options), replace its agents or options, and start a call for it.
 * Supervisors and admins change; agents read their own campaigns. A save refused by
 * OMniLeads' linking rules is a 422 naming the fields; one saved despite a warning
 * answers with {@code warnings}.
 */
@RestController
@Tag(name = "Campaigns", description = "Campaigns, their agents and disposition options, calls for a campaign")
class CampaignsApiController {

	private final Campaigns campaigns;

	private final CampaignCalls calls;

	private final MessageSource messages;

	CampaignsApiController(Campaigns campaigns, CampaignCalls calls, MessageSource messages) {
		this.campaigns = campaigns;
		this.calls = calls;
		this.messages = messages;
	}

	@GetMapping("/api/v1/campaigns")
	@Operation(summary = "The tenant's campaigns (an agent: those they are assigned to), by name")
	List<CampaignView> list(CurrentUser user, @RequestParam(required = false) @Nullable CampaignType type,
			@RequestParam(required = false) @Nullable CampaignState state,
			@RequestParam(required = false) @Nullable String name,
			@RequestParam(required = false) @Nullable Long agentId) {
		Long agent = user.isAtLeast(Role.SUPERVISOR) ? agentId : Long.valueOf(user.userId());
		CampaignFilter filter = new CampaignFilter((type != null) ? Set.of(type) : Set.of(), state, name, agent);
		return this.campaigns.list(user.tenantId(), filter).stream().map((c) -> view(c, List.of())).toList();
	}

	@GetMapping("/api/v1/campaigns/{id}")
	CampaignView get(CurrentUser user, @PathVariable long id) {
		return view(readable(user, id), List.of());
	}

	@PostMapping("/api/v1/campaigns")
	@Operation(summary = "Create a campaign; warnings of the linking rules come back in 'warnings'")
	ResponseEntity<CampaignView> create(CurrentUser user, @RequestBody CampaignRequest request, Locale locale) {
		SaveResult saved = this.campaigns.save(user, null, request.toCommand());
		return ResponseEntity.created(URI.create("/api/v1/campaigns/" + saved.campaign().id()))
			.body(view(saved, locale));
	}

	@PutMapping("/api/v1/campaigns/{id}")
	@Operation(summary = "Change a campaign; agentIds and options left out are kept")
	CampaignView update(CurrentUser user, @PathVariable long id, @RequestBody CampaignRequest request, Locale locale) {
		return view(this.campaigns.save(user, id, request.toCommand()), locale);
	}

	@GetMapping("/api/v1/campaigns/{id}/agents")
	List<CampaignAgent> agents(CurrentUser user, @PathVariable long id) {
		return this.campaigns.agents(readable(user, id).tenantId(), id);
	}

	@PutMapping("/api/v1/campaigns/{id}/agents")
	@Operation(summary = "Replace the campaign's agents")
	CampaignView assignAgents(CurrentUser user, @PathVariable long id, @RequestBody List<AgentRequest> agents,
			Locale locale) {
		return view(this.campaigns.assignAgents(user, id,
				agents.stream()
					.map((a) -> new CampaignAgent(a.agentId(), (a.penalty() != null) ? a.penalty() : 0))
					.toList()),
				locale);
	}

	@GetMapping("/api/v1/campaigns/{id}/options")
	@Operation(summary = "The campaign's disposition options, hidden ones too, in order")
	List<CampaignOption> options(CurrentUser user, @PathVariable long id) {
		return this.campaigns.options(readable(user, id).id());
	}

	@PutMapping("/api/v1/campaigns/{id}/options")
	@Operation(summary = "Replace the campaign's disposition options (rows with an id change that option)")
	CampaignView replaceOptions(CurrentUser user, @PathVariable long id, @RequestBody List<OptionRequest> options,
			Locale locale) {
		Campaign campaign = this.campaigns.get(user.tenantId(), id);
		CampaignCommand command = new CampaignCommand(campaign.name(), campaign.type(), campaign.state(),
				campaign.contactDatabaseId(), campaign.interaction(), campaign.externalSiteId(),
				campaign.externalSystemId(), campaign.externalId(), campaign.duplicates(), campaign.inboundAccountId(),
				campaign.inboundLine(), null, options.stream().map(OptionRequest::toCommand).toList());
		return view(this.campaigns.save(user, id, command), locale);
	}

	@PostMapping("/api/v1/campaigns/{id}/calls")
	@ResponseStatus(HttpStatus.ACCEPTED)
	@Operation(summary = "Call a number for the campaign from the agent's extension (default agent: the caller)")
	Originated call(CurrentUser user, @PathVariable long id, @Valid @RequestBody CallRequest request) {
		long agentId = (request.agentId() != null) ? request.agentId() : user.userId();
		return this.calls.start(user, id, agentId, request.contactId(), request.number());
	}

	// An agent reads only the campaigns they are assigned to.
	private Campaign readable(CurrentUser user, long id) {
		Campaign campaign = this.campaigns.get(user.tenantId(), id);
		if (!user.isAtLeast(Role.SUPERVISOR) && !this.campaigns.isAgentOf(id, user.userId())) {
			throw new Problems.NotFound(Text.of("what.campaign"), id);
		}
		return campaign;
	}

	private CampaignView view(SaveResult saved, Locale locale) {
		return view(saved.campaign(), saved.warnings().stream().map((w) -> w.in(this.messages, locale)).toList());
	}

	private CampaignView view(Campaign campaign, List<String> warnings) {
		return CampaignView.of(campaign, this.campaigns.agents(campaign.tenantId(), campaign.id()),
				this.campaigns.options(campaign.id()), warnings);
	}

	/**
	 * A campaign as submitted.
	 *
	 * @param name name
	 * @param type MANUAL, PREVIEW or INBOUND
	 * @param state ACTIVE (default), PAUSED, FINISHED or ARCHIVED
	 * @param contactDatabaseId contact database
	 * @param interaction FORM (default), SITE or FORM_SITE
	 * @param externalSiteId external site
	 * @param externalSystemId external system
	 * @param externalId the campaign's ID in the external system
	 * @param duplicates ALLOW (default) or AVOID
	 * @param inboundAccountId account of the inbound line
	 * @param inboundLine inbound line
	 * @param agentIds assigned agents (left out: kept)
	 * @param options disposition options (left out: kept)
	 */
	record CampaignRequest(@Nullable String name, @Nullable CampaignType type, @Nullable CampaignState state,
			@Nullable Long contactDatabaseId, @Nullable Interaction interaction, @Nullable Long externalSiteId,
			@Nullable Long externalSystemId, @Nullable String externalId, @Nullable DuplicatePolicy duplicates,
			@Nullable Long inboundAccountId, @Nullable String inboundLine, @Nullable List<Long> agentIds,
			@Nullable List<OptionRequest> options) {

		CampaignCommand toCommand() {
			return new CampaignCommand(this.name, this.type, this.state, this.contactDatabaseId, this.interaction,
					this.externalSiteId, this.externalSystemId, this.externalId, this.duplicates, this.inboundAccountId,
					this.inboundLine, this.agentIds,
					(this.options != null) ? this.options.stream().map(OptionRequest::toCommand).toList() : null);
		}

	}

	/**
	 * A disposition option as submitted.
	 *
	 * @param id the option changed (left out: a new one)
	 * @param name name
	 * @param outcomeCode a code of the tenant's disposition outcomes
	 * @param kind ACTION (default) or NO_ACTION
	 * @param hidden no longer offered
	 * @param positive counts as a success
	 * @param crmInteraction triggers the external site on disposition
	 */
	record OptionRequest(@Nullable Long id, @Nullable String name, @Nullable String outcomeCode,
			@Nullable OptionKind kind, @Nullable Boolean hidden, @Nullable Boolean positive,
			@Nullable Boolean crmInteraction) {

		CampaignOptionCommand toCommand() {
			return new CampaignOptionCommand(this.id, this.name, this.outcomeCode, this.kind,
					Boolean.TRUE.equals(this.hidden), Boolean.TRUE.equals(this.positive),
					Boolean.TRUE.equals(this.crmInteraction));
		}

	}

	/**
	 * An assigned agent as submitted.
	 *
	 * @param agentId the agent
	 * @param penalty queue penalty (default 0)
	 */
	record AgentRequest(long agentId, @Nullable Integer penalty) {
	}

	/**
	 * A call for the campaign.
	 *
	 * @param number number in any format
	 * @param agentId the agent (default: the caller; another agent: supervisors only)
	 * @param contactId the contact called, which must be in the campaign's database
	 */
	record CallRequest(@NotBlank String number, @Nullable Long agentId, @Nullable Long contactId) {
	}

}
