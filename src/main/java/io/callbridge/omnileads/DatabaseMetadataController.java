package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.callbridge.campaigns.Campaign;
import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' {@code POST api/v1/campaign/database_metadata/}: the columns of a campaign's
 * contact database, its main phone column and its external-id column, so a CRM knows what
 * {@code new_contact} takes.
 */
@RestController
class DatabaseMetadataController {

	private final CampaignOfRequest campaigns;

	private final ContactDatabases databases;

	DatabaseMetadataController(CampaignOfRequest campaigns, ContactDatabases databases) {
		this.campaigns = campaigns;
		this.databases = databases;
	}

	@PostMapping({ OmlPaths.DEFAULT + "campaign/database_metadata", OmlPaths.DEFAULT + "campaign/database_metadata/",
			OmlPaths.TENANT + "campaign/database_metadata", OmlPaths.TENANT + "campaign/database_metadata/" })
	Map<String, Object> metadata(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		Campaign campaign = this.campaigns.resolve(user, OmlBody.read(request), language);
		ContactDatabase database = database(user, campaign, language);
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "OK");
		answer.put("main_phone", database.mainPhone());
		answer.put("external_id", database.externalIdColumn());
		answer.put("fields", database.columns());
		return answer;
	}

	// A campaign without a database has no metadata to give (OMniLeads' campaigns always
	// have one).
	private ContactDatabase database(CurrentUser user, Campaign campaign, OmlLanguage language) {
		Long id = campaign.contactDatabaseId();
		return ((id != null) ? this.databases.find(user.tenantId(), id) : Optional.<ContactDatabase>empty())
			.orElseThrow(() -> CampaignOfRequest.refusal("idCampaign", OmlTexts.CAMPAIGN_UNKNOWN, language));
	}

}
