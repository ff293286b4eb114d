package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.callbridge.campaigns.Campaign;
import io.callbridge.campaigns.CampaignDisposition;
import io.callbridge.campaigns.CampaignDispositions;
import io.callbridge.campaigns.CampaignDispositions.DispositionRequest;
import io.callbridge.campaigns.CampaignOption;
import io.callbridge.campaigns.Campaigns;
import io.callbridge.contacts.ContactDatabases;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OMniLeads' {@code api/v1/disposition/}: an agent's dispositions of contacts in
 * campaigns ({@code CalificacionClienteSerializer}), created, read, listed and changed,
 * with OMniLeads' untranslated 400 answers. A {@code callid} that is a Callbridge call
 * the agent took part in also records the outcome on that call.
 */
@RestController
class DispositionController {

	static final String OPTION_NOT_FOUND = "Disposition option id not found";

	static final String CONTACT_NOT_FOUND = "Contact id not found";

	static final String DUPLICATE = "There is another disposition for this contact on this campaign";

	private final CampaignDispositions dispositions;

	private final Campaigns campaigns;

	private final ContactDatabases databases;

	private final OmlAccess access;

	DispositionController(CampaignDispositions dispositions, Campaigns campaigns, ContactDatabases databases,
			OmlAccess access) {
		this.dispositions = dispositions;
		this.campaigns = campaigns;
		this.databases = databases;
		this.access = access;
	}

	@GetMapping({ OmlPaths.DEFAULT + "disposition", OmlPaths.DEFAULT + "disposition/", OmlPaths.TENANT + "disposition",
			OmlPaths.TENANT + "disposition/" })
	List<Map<String, Object>> list(CurrentUser user, HttpServletRequest request) {
		this.access.requireAgent(user, OmlLanguage.of(request));
		return this.dispositions.listOwn(user).stream().map(DispositionController::shape).toList();
	}

	@GetMapping({ OmlPaths.DEFAULT + "disposition/{id}", OmlPaths.DEFAULT + "disposition/{id}/",
			OmlPaths.TENANT + "disposition/{id}", OmlPaths.TENANT + "disposition/{id}/" })
	Map<String, Object> read(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		this.access.requireAgent(user, language);
		return shape(own(user, id, language));
	}

	@PostMapping({ OmlPaths.DEFAULT + "disposition", OmlPaths.DEFAULT + "disposition/", OmlPaths.TENANT + "disposition",
			OmlPaths.TENANT + "disposition/" })
	ResponseEntity<Object> create(CurrentUser user, HttpServletRequest request) {
		this.access.requireAgent(user, OmlLanguage.of(request));
		OmlBody body = OmlBody.read(request);
		DispositionRequest submitted = request(user, body, null);
		return ResponseEntity.status(201).body(shape(save(() -> this.dispositions.create(user, submitted))));
	}

	@PutMapping({ OmlPaths.DEFAULT + "disposition/{id}", OmlPaths.DEFAULT + "disposition/{id}/",
			OmlPaths.TENANT + "disposition/{id}", OmlPaths.TENANT + "disposition/{id}/" })
	Map<String, Object> update(CurrentUser user, @PathVariable long id, HttpServletRequest request) {
		OmlLanguage language = OmlLanguage.of(request);
		this.access.requireAgent(user, language);
		CampaignDisposition current = own(user, id, language);
		DispositionRequest submitted = request(user, OmlBody.read(request), current);
		return shape(save(() -> this.dispositions.update(user, id, submitted)));
	}

	private CampaignDisposition own(CurrentUser user, long id, OmlLanguage language) {
		try {
			return this.dispositions.getOwn(user, id);
		}
		catch (Problems.NotFound missing) {
			throw OmlAnswer.notFound(language);
		}
	}

	// OMniLeads' to_internal_value: the option first (a hidden one only if the
	// disposition has it already), then the contact in the option's campaign database.
	private DispositionRequest request(CurrentUser user, OmlBody body, @Nullable CampaignDisposition current) {
		OptionalLong optionId = MakeCallForm.id(body.text("idDispositionOption"));
		CampaignOption option = (optionId.isPresent() ? this.campaigns.option(user.tenantId(), optionId.getAsLong())
				: Optional.<CampaignOption>empty())
			.filter((found) -> !found.hidden() || (current != null && current.optionId() == found.id()))
			.orElseThrow(() -> refusal("idDispositionOption", OPTION_NOT_FOUND));
		Campaign campaign = this.campaigns.get(user.tenantId(), option.campaignId());
		long contactId = contact(user, body, campaign).orElseThrow(() -> refusal("idContact", CONTACT_NOT_FOUND));
		return new DispositionRequest(contactId, option.id(), body.text("comments").orElse(""),
				body.text("callid").orElse(null));
	}

	private Optional<Long> contact(CurrentUser user, OmlBody body, Campaign campaign) {
		Long database = campaign.contactDatabaseId();
		Optional<String> sent = body.text("idContact");
		if (database == null || sent.isEmpty()) {
			return Optional.empty();
		}
		if (body.node("idExternalSystem").isPresent()) {
			return this.databases.contactByExternalId(user.tenantId(), database, sent.get());
		}
		OptionalLong id = MakeCallForm.id(sent);
		return (id.isPresent() && this.databases.isInDatabase(id.getAsLong(), database)) ? Optional.of(id.getAsLong())
				: Optional.empty();
	}

	private static CampaignDisposition save(Supplier<CampaignDisposition> saving) {
		try {
			return saving.get();
		}
		catch (Problems.InvalidInput invalid) {
			String field = invalid.errors().isEmpty() ? "" : invalid.errors().get(0).field();
			throw switch (field) {
				case "optionId" -> refusal("idDispositionOption", OPTION_NOT_FOUND);
				case "contactId" -> refusal("idContact", CONTACT_NOT_FOUND);
				default -> refusal("msg", DUPLICATE);
			};
		}
		catch (Problems.Conflict duplicate) {
			throw refusal("msg", DUPLICATE);
		}
	}

	private static OmlAnswer refusal(String field, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", "ERROR");
		body.put(field, message);
		return new OmlAnswer(400, body);
	}

	static Map<String, Object> shape(CampaignDisposition disposition) {
		Map<String, Object> shape = new LinkedHashMap<>();
		shape.put("id", disposition.id());
		shape.put("idContact", disposition.contactId());
		shape.put("callid", disposition.callid());
		shape.put("idDispositionOption", disposition.optionId());
		shape.put("comments", disposition.comments());
		return shape;
	}

}
