package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;

import org.springframework.stereotype.Component;

/**
 * The campaign of OMniLeads' {@code database_metadata} and {@code new_contact}: an active
 * campaign by Callbridge's id, or by its external id within the external system sent
 * (scoped to that system, unlike OMniLeads), which the caller may edit (an agent assigned
 * to it, a supervisor of it, any admin). Refusals are OMniLeads' 400 answers.
 */
@Component
class CampaignOfRequest {

	private final Campaigns campaigns;

	private final ExternalSystems systems;

	CampaignOfRequest(Campaigns campaigns, ExternalSystems systems) {
		this.campaigns = campaigns;
		this.systems = systems;
	}

	Campaign resolve(CurrentUser user, OmlBody body, OmlLanguage language) {
		Optional<Long> system = Optional.empty();
		if (body.node("idExternalSystem").isPresent()) {
			OptionalLong id = MakeCallForm.id(body.text("idExternalSystem"));
			if (id.isEmpty() || this.systems.find(user.tenantId(), id.getAsLong()).isEmpty()) {
				throw refusal("idExternalSystem", OmlTexts.UNKNOWN_SYSTEM, language);
			}
			system = Optional.of(id.getAsLong());
		}
		Optional<String> sent = body.text("idCampaign");
		OptionalLong ownId = MakeCallForm.id(sent);
		if (sent.isEmpty() || (system.isEmpty() && ownId.isEmpty())) {
			throw refusal("idCampaign", OmlTexts.CAMPAIGN_ID_INVALID, language);
		}
		Optional<Campaign> campaign = system.isPresent()
				? this.campaigns.byExternalId(user.tenantId(), system.get(), sent.get())
				: this.campaigns.find(user.tenantId(), ownId.getAsLong());
		Campaign found = campaign.filter(Campaign::isActive)
			.orElseThrow(() -> refusal("idCampaign", OmlTexts.CAMPAIGN_UNKNOWN, language));
		if (!mayEdit(user, found)) {
			throw refusal("idCampaign", OmlTexts.CAMPAIGN_NOT_EDITABLE, language);
		}
		return found;
	}

	private boolean mayEdit(CurrentUser user, Campaign campaign) {
		return switch (user.role()) {
			case ADMIN -> true;
			case SUPERVISOR -> this.campaigns.isSupervisorOf(campaign.id(), user.userId())
					|| this.campaigns.isAgentOf(campaign.id(), user.userId());
			case AGENT -> this.campaigns.isAgentOf(campaign.id(), user.userId());
		};
	}

	static OmlAnswer refusal(String field, OmlTexts text, OmlLanguage language) {
		return dataErrors(Map.of(field, List.of(text.in(language))), language);
	}

	static OmlAnswer dataErrors(Object errors, OmlLanguage language) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "ERROR");
		body.put("message", OmlTexts.DATA_ERRORS.in(language));
		body.put("errors", errors);
		return new OmlAnswer(400, body);
	}

	static boolean isAdmin(CurrentUser user) {
		return user.isAtLeast(Role.ADMIN);
	}

}
