package io.callbridge.omnileads;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignDisposition;
import io.callbridge.campaigns.CampaignDispositions;
import io.callbridge.campaigns.CampaignDispositions.DispositionRequest;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' {@code POST api/v1/new_contact/disposition/}: creates a contact in the
 * campaign database of the disposition option sent (main phone, external id and the data
 * columns by OMniLeads' input names), then the agent's disposition of it, with OMniLeads'
 * untranslated 400 answers.
 */
@RestController
class NewContactDispositionController {

	private final Campaigns campaigns;

	private final ContactDatabases databases;

	private final CampaignDispositions dispositions;

	private final OmlAccess access;

	NewContactDispositionController(Campaigns campaigns, ContactDatabases databases, CampaignDispositions dispositions,
			OmlAccess access) {
		this.campaigns = campaigns;
		this.databases = databases;
		this.dispositions = dispositions;
		this.access = access;
	}

	@PostMapping({ OmlPaths.DEFAULT + "new_contact/disposition", OmlPaths.DEFAULT + "new_contact/disposition/",
			OmlPaths.TENANT + "new_contact/disposition", OmlPaths.TENANT + "new_contact/disposition/" })
	ResponseEntity<Object> create(CurrentUser user, HttpServletRequest request) {
		this.access.requireAgent(user, OmlLanguage.of(request));
		OmlBody body = OmlBody.read(request);
		OptionalLong optionId = MakeCallForm.id(body.text("idDispositionOption"));
		CampaignOption option = (optionId.isPresent() ? this.campaigns.option(user.tenantId(), optionId.getAsLong())
				: Optional.<CampaignOption>empty())
			.filter((found) -> !found.hidden())
			.orElseThrow(() -> refusal("idDispositionOption", DispositionController.OPTION_NOT_FOUND));
		Campaign campaign = this.campaigns.get(user.tenantId(), option.campaignId());
		ContactDatabase database = Optional.ofNullable(campaign.contactDatabaseId())
			.flatMap((id) -> this.databases.find(user.tenantId(), id))
			.orElseThrow(() -> refusal("contacto", "Contact data is invalid"));
		Contact contact = contact(user, database, body);
		DispositionRequest submitted = new DispositionRequest(contact.id(), option.id(),
				body.text("comments").orElse(""), body.text("callid").orElse(null));
		CampaignDisposition created;
		try {
			created = this.dispositions.create(user, submitted);
		}
		catch (Problems.Problem refused) {
			throw refusal("msg", DispositionController.DUPLICATE);
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("id", created.id());
		answer.put("callid", created.callid());
		answer.put("idDispositionOption", created.optionId());
		answer.put("comments", created.comments());
		return ResponseEntity.status(201).body(answer);
	}

	private Contact contact(CurrentUser user, ContactDatabase database, OmlBody body) {
		String externalId = body.text("idExternalContact").filter((id) -> !id.isEmpty()).orElse(null);
		String externalColumn = database.externalIdColumn();
		if (externalId != null && externalColumn != null
				&& this.databases.contactByExternalId(user.tenantId(), database.id(), externalId).isPresent()) {
			throw refusal("idExternalContact", "There is another contact with this external id on this database");
		}
		Map<String, String> row = new LinkedHashMap<>();
		body.text("phone").ifPresent((phone) -> row.put(database.mainPhone(), phone));
		if (externalId != null && externalColumn != null) {
			row.put(externalColumn, externalId);
		}
		for (String column : database.columns()) {
			if (!column.equals(database.mainPhone()) && !column.equals(externalColumn)) {
				body.text(inputName(column)).ifPresent((value) -> row.put(column, value));
			}
		}
		try {
			return this.databases.addRow(user.tenantId(), database.id(), row);
		}
		catch (Problems.Problem invalid) {
			throw refusal("contacto", "Contact data is invalid");
		}
	}

	/**
	 * The name OMniLeads' contact form gives a data column's input: the name folded to
	 * ASCII, and {@code input_telefono_en_datos_OML} for a data column called
	 * {@code telefono} (which would clash with the main phone's input).
	 */
	static String inputName(String column) {
		String ascii = Normalizer.normalize(column, Normalizer.Form.NFD).replaceAll("[^\\p{ASCII}]", "");
		return "telefono".equals(ascii) ? "input_telefono_en_datos_OML" : ascii;
	}

	private static OmlAnswer refusal(String field, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "ERROR");
		body.put(field, message);
		return new OmlAnswer(400, body);
	}

}
