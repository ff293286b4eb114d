package io.callbridge.omnileads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongFunction;

import io.callbridge.omnileads.OmlDirectory.CampaignRef;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;
import org.jspecify.annotations.Nullable;

/**
 * OMniLeads' makeCall forms ({@code Click2CallOMLParametersForm} and, with
 * {@code idExternalSystem}, {@code Click2CallExternalSiteParametersForm}) with Django's
 * semantics: every field is validated and every error reported, per field, in the order
 * of the form. Callbridge adds one rule after OMniLeads' own: an agent may only place
 * their own calls (OMniLeads has it as a to-do); a supervisor may call for an agent.
 */
final class MakeCallForm {

	private static final int PHONE_MAX = 128;

	private final OmlDirectory directory;

	private final OmlLanguage language;

	MakeCallForm(OmlDirectory directory, OmlLanguage language) {
		this.directory = directory;
		this.language = language;
	}

	/** The outcome of the form. */
	sealed interface Outcome permits Valid, Refused {

	}

	/**
	 * A call to place.
	 *
	 * @param campaignId the campaign
	 * @param agentId the agent whose phone rings first
	 * @param contactId the contact called, if known
	 * @param phone the number to call, as sent
	 */
	record Valid(long campaignId, long agentId, @Nullable Long contactId, String phone) implements Outcome {
	}

	/**
	 * A refused form.
	 *
	 * @param errors the errors per field, in the form's order
	 */
	record Refused(Map<String, List<String>> errors) implements Outcome {
	}

	Outcome validate(CurrentUser caller, OmlBody body) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		Optional<String> phone = phone(body, errors);
		Outcome outcome;
		if (body.node("idExternalSystem").isPresent()) {
			OptionalLong system = id(body.text("idExternalSystem"));
			if (system.isEmpty() || !this.directory.systemExists(caller.tenantId(), system.getAsLong())) {
				// OMniLeads answers this alone, before looking at the form.
				return new Refused(Map.of("idExternalSystem", List.of(OmlTexts.UNKNOWN_SYSTEM.in(this.language))));
			}
			outcome = external(caller, system.getAsLong(), body, phone, errors);
		}
		else {
			outcome = own(caller, body, phone, errors);
		}
		return (outcome instanceof Valid valid) ? callersOwn(caller, valid) : outcome;
	}

	private Outcome own(CurrentUser caller, OmlBody body, Optional<String> phone, Map<String, List<String>> errors) {
		Optional<CampaignRef> campaign = required(body, "idCampaign", errors).flatMap((text) -> choice(text, errors,
				"idCampaign", (id) -> this.directory.activeCampaign(caller.tenantId(), id)));
		Optional<Long> agent = required(body, "idAgent", errors).flatMap((text) -> choice(text, errors, "idAgent",
				(id) -> this.directory.enabledUser(caller.tenantId(), id) ? Optional.of(id) : Optional.empty()));
		if (agent.isPresent() && campaign.isPresent() && !this.directory.isAgentOf(campaign.get().id(), agent.get())) {
			errors.put("idAgent", List.of(OmlTexts.AGENT_NOT_IN_CAMPAIGN.in(this.language)));
		}
		Optional<Long> contact = body.filled("idContact")
			.flatMap((text) -> choice(text, errors, "idContact",
					(id) -> this.directory.contactExists(caller.tenantId(), id) ? Optional.of(id) : Optional.empty()));
		if (contact.isPresent() && campaign.isPresent() && !inCampaign(contact.get(), campaign.get())) {
			errors.put("idContact", List.of(OmlTexts.CONTACT_NOT_IN_CAMPAIGN.in(this.language)));
		}
		return outcome(errors, campaign, agent, contact.orElse(null), phone);
	}

	private Outcome external(CurrentUser caller, long system, OmlBody body, Optional<String> phone,
			Map<String, List<String>> errors) {
		Optional<CampaignRef> campaign = required(body, "idCampaign", errors).flatMap((text) -> {
			Optional<CampaignRef> found = this.directory.systemCampaign(caller.tenantId(), system, text);
			if (found.isEmpty()) {
				errors.put("idCampaign", List.of(OmlTexts.INVALID_CHOICE.in(this.language)));
			}
			return found;
		});
		Optional<Long> agent = required(body, "idAgent", errors).filter((text) -> maxLength("idAgent", text, errors))
			.flatMap((text) -> campaign.flatMap((found) -> systemAgent(system, text, found, errors)));
		// An external contact id that names nobody is ignored: the call goes without a
		// contact.
		Long contact = body.filled("idContact")
			.flatMap((text) -> campaign.filter((found) -> found.databaseId() != null)
				.flatMap((found) -> this.directory.contactByExternalId(caller.tenantId(), found.databaseId(), text)))
			.orElse(null);
		return outcome(errors, campaign, agent, contact, phone);
	}

	private Optional<Long> systemAgent(long system, String externalId, CampaignRef campaign,
			Map<String, List<String>> errors) {
		Optional<Long> agent = this.directory.systemAgent(system, externalId);
		if (agent.isEmpty()) {
			errors.put("idAgent", List.of(OmlTexts.AGENT_NOT_IN_SYSTEM.in(this.language)));
			return Optional.empty();
		}
		if (!this.directory.isAgentOf(campaign.id(), agent.get())) {
			errors.put("idAgent", List.of(OmlTexts.AGENT_NOT_IN_CAMPAIGN.in(this.language)));
			return Optional.empty();
		}
		return agent;
	}

	private Outcome outcome(Map<String, List<String>> errors, Optional<CampaignRef> campaign, Optional<Long> agent,
			@Nullable Long contact, Optional<String> phone) {
		if (!errors.isEmpty() || campaign.isEmpty() || agent.isEmpty() || phone.isEmpty()) {
			return new Refused(ordered(errors));
		}
		return new Valid(campaign.get().id(), agent.get(), contact, phone.get());
	}

	private Outcome callersOwn(CurrentUser caller, Valid valid) {
		if (valid.agentId() != caller.userId() && !caller.isAtLeast(Role.SUPERVISOR)) {
			return new Refused(Map.of("idAgent", List.of(OmlTexts.AGENT_NOT_CALLER.in(this.language))));
		}
		return valid;
	}

	private boolean inCampaign(long contactId, CampaignRef campaign) {
		return campaign.databaseId() != null && this.directory.inDatabase(contactId, campaign.databaseId());
	}

	private Optional<String> phone(OmlBody body, Map<String, List<String>> errors) {
		return required(body, "phone", errors).filter((text) -> maxLength("phone", text, errors));
	}

	private boolean maxLength(String field, String text, Map<String, List<String>> errors) {
		if (text.length() <= PHONE_MAX) {
			return true;
		}
		errors.put(field, List.of(OmlTexts.MAX_LENGTH.in(this.language, PHONE_MAX, text.length())));
		return false;
	}

	private Optional<String> required(OmlBody body, String field, Map<String, List<String>> errors) {
		Optional<String> value = body.filled(field);
		if (value.isEmpty()) {
			errors.put(field, List.of(OmlTexts.REQUIRED.in(this.language)));
		}
		return value;
	}

	private <T> Optional<T> choice(String text, Map<String, List<String>> errors, String field,
			LongFunction<Optional<T>> lookup) {
		OptionalLong id = id(Optional.of(text));
		Optional<T> found = id.isPresent() ? lookup.apply(id.getAsLong()) : Optional.empty();
		if (found.isEmpty()) {
			errors.put(field, List.of(OmlTexts.INVALID_CHOICE.in(this.language)));
		}
		return found;
	}

	/** An id as Django reads a primary key: digits, surrounding spaces allowed. */
	static OptionalLong id(Optional<String> text) {
		if (text.isEmpty()) {
			return OptionalLong.empty();
		}
		try {
			return OptionalLong.of(Long.parseLong(text.get().strip()));
		}
		catch (NumberFormatException ex) {
			return OptionalLong.empty();
		}
	}

	// Django reports the errors in the order of the form's fields.
	private static Map<String, List<String>> ordered(Map<String, List<String>> errors) {
		Map<String, List<String>> ordered = new LinkedHashMap<>();
		for (String field : List.of("phone", "idCampaign", "idAgent", "idContact")) {
			if (errors.containsKey(field)) {
				ordered.put(field, errors.get(field));
			}
		}
		return ordered;
	}

}
