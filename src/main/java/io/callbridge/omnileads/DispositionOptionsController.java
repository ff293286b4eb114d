package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.campaigns.ExternalSystems;
import io.callbridge.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' disposition options of a campaign, by Callbridge's campaign id or by an
 * external system's campaign id: every option, hidden ones too, in their order.
 */
@RestController
class DispositionOptionsController {

	private final Campaigns campaigns;

	private final ExternalSystems systems;

	private final OmlAccess access;

	DispositionOptionsController(Campaigns campaigns, ExternalSystems systems, OmlAccess access) {
		this.campaigns = campaigns;
		this.systems = systems;
		this.access = access;
	}

	@GetMapping({ OmlPaths.DEFAULT + "campaign/{campaign}/dispositionOptions",
			OmlPaths.DEFAULT + "campaign/{campaign}/dispositionOptions/",
			OmlPaths.TENANT + "campaign/{campaign}/dispositionOptions",
			OmlPaths.TENANT + "campaign/{campaign}/dispositionOptions/" })
	List<Map<String, Object>> byId(CurrentUser user, @PathVariable String campaign, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		this.access.requireAgent(user, language);
		OptionalLong id = MakeCallForm.id(Optional.of(campaign));
		Optional<Campaign> found = id.isPresent() ? this.campaigns.find(user.tenantId(), id.getAsLong())
				: Optional.empty();
		return options(found.orElseThrow(() -> OmlAnswer.notFound(language)));
	}

	@GetMapping({ OmlPaths.DEFAULT + "campaign/{campaign}/dispositionOptions/{system}",
			OmlPaths.DEFAULT + "campaign/{campaign}/dispositionOptions/{system}/",
			OmlPaths.TENANT + "campaign/{campaign}/dispositionOptions/{system}",
			OmlPaths.TENANT + "campaign/{campaign}/dispositionOptions/{system}/" })
	List<Map<String, Object>> byExternalId(CurrentUser user, @PathVariable String campaign, @PathVariable String system,
			HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		this.access.requireAgent(user, language);
		OptionalLong systemId = MakeCallForm.id(Optional.of(system));
		Optional<Campaign> found = systemId.isPresent()
				&& this.systems.find(user.tenantId(), systemId.getAsLong()).isPresent()
						? this.campaigns.byExternalId(user.tenantId(), systemId.getAsLong(), campaign)
						: Optional.empty();
		return options(found.orElseThrow(() -> OmlAnswer.notFound(language)));
	}

	private List<Map<String, Object>> options(Campaign campaign) {
		return this.campaigns.options(campaign.id()).stream().map(DispositionOptionsController::row).toList();
	}

	private static Map<String, Object> row(CampaignOption option) {
		Map<String, Object> row = new LinkedHashMap<>();
		row.put("id", option.id());
		row.put("name", option.name());
		row.put("hidden", option.hidden());
		return row;
	}

}
