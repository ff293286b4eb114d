package io.callbridge.omnileads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.DuplicatePolicy;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.ContactDatabase;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.DatabaseEntry;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' {@code POST api/v1/new_contact/}: adds a contact to a campaign's database,
 * one key per column (plus {@code confirmar_duplicado}), with OMniLeads' 400 answers; a
 * campaign that avoids duplicates refuses a phone already in its database.
 */
@RestController
class NewContactController {

	private static final Set<String> REQUEST_KEYS = Set.of("idCampaign", "idExternalSystem", "confirmar_duplicado");

	private final CampaignOfRequest campaigns;

	private final ContactDatabases databases;

	private final ContactService contacts;

	private final MessageSource messages;

	NewContactController(CampaignOfRequest campaigns, ContactDatabases databases, ContactService contacts,
			MessageSource messages) {
		this.campaigns = campaigns;
		this.databases = databases;
		this.contacts = contacts;
		this.messages = messages;
	}

	@PostMapping({ OmlPaths.DEFAULT + "new_contact", OmlPaths.DEFAULT + "new_contact/", OmlPaths.TENANT + "new_contact",
			OmlPaths.TENANT + "new_contact/" })
	Map<String, Object> create(CurrentUser user, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		OmlBody body = OmlBody.read(request);
		Campaign campaign = this.campaigns.resolve(user, body, language);
		ContactDatabase database = this.databases.find(user.tenantId(), campaign.contactDatabaseId())
			.orElseThrow(() -> CampaignOfRequest.refusal("idCampaign", OmlTexts.CAMPAIGN_UNKNOWN, language));
		Set<String> extras = new LinkedHashSet<>(body.names());
		extras.removeAll(REQUEST_KEYS);
		extras.removeAll(database.columns());
		if (!extras.isEmpty()) {
			throw answer(OmlTexts.INCORRECT_FIELDS, new ArrayList<>(extras), language);
		}
		if (body.node(database.mainPhone()).isEmpty()) {
			throw answer(OmlTexts.FIELD_IS_REQUIRED, database.mainPhone(), language);
		}
		Map<String, String> row = new LinkedHashMap<>();
		for (String column : database.columns()) {
			body.text(column).ifPresent((value) -> row.put(column, value));
		}
		Map<String, List<String>> errors = duplicates(user, campaign, database, row, language);
		if (!errors.isEmpty()) {
			throw CampaignOfRequest.dataErrors(errors, language);
		}
		Contact contact;
		try {
			contact = this.databases.addRow(user.tenantId(), database.id(), row);
		}
		catch (Problems.InvalidInput invalid) {
			Map<String, List<String>> refused = new LinkedHashMap<>();
			for (FieldError error : invalid.errors()) {
				refused.computeIfAbsent(error.field().isEmpty() ? "__all__" : error.field(), (key) -> new ArrayList<>())
					.add(error.text().in(this.messages, language.locale()));
			}
			throw CampaignOfRequest.dataErrors(refused, language);
		}
		DatabaseEntry entry = this.databases.entryOf(user.tenantId(), contact.id()).orElseThrow();
		Map<String, Object> data = new LinkedHashMap<>(entry.values());
		if (database.externalIdColumn() != null) {
			data.put(database.externalIdColumn(), entry.externalId());
		}
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("status", "OK");
		answer.put("message", OmlTexts.CONTACT_ADDED.in(language));
		answer.put("id", contact.id());
		answer.put("contacto", data);
		return answer;
	}

	// The form's own checks: an external id taken in the database, and a phone already
	// there when the campaign avoids duplicates.
	private Map<String, List<String>> duplicates(CurrentUser user, Campaign campaign, ContactDatabase database,
			Map<String, String> row, OmlLanguage language) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		String phone = row.get(database.mainPhone());
		if (campaign.duplicates() == DuplicatePolicy.AVOID && phone != null && !phone.isBlank()) {
			boolean taken;
			try {
				taken = this.contacts.lookup(user.tenantId(), phone)
					.stream()
					.anyMatch((found) -> this.databases.isInDatabase(found.id(), database.id()));
			}
			catch (Problems.InvalidInput invalid) {
				taken = false;
			}
			if (taken) {
				// Django raises it from the form's clean(): a non-field error.
				errors.put("__all__", List.of(OmlTexts.PHONE_TAKEN.in(language)));
			}
		}
		String externalColumn = database.externalIdColumn();
		String externalId = (externalColumn != null) ? row.get(externalColumn) : null;
		if (externalId != null && !externalId.isBlank()
				&& this.databases.contactByExternalId(user.tenantId(), database.id(), externalId).isPresent()) {
			errors.put(externalColumn, List.of(OmlTexts.EXTERNAL_ID_TAKEN.in(language)));
		}
		return errors;
	}

	private static OmlAnswer answer(OmlTexts message, Object errors, OmlLanguage language) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "ERROR");
		body.put("message", message.in(language));
		body.put("errors", errors);
		return new OmlAnswer(400, body);
	}

}
