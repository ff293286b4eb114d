package io.callbridge.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * OMniLeads' rules for linking a campaign to an external system, a contact database and
 * an external site (its {@code CampanaMixinForm} and campaign wizard): the hard errors
 * that refuse a save and the warnings a save goes ahead despite. Pure: the facts are
 * looked up by the caller.
 */
final class LinkingRules {

	private LinkingRules() {
	}

	/**
	 * What the errors depend on besides the command.
	 *
	 * @param databaseHasExternalId whether the chosen database has an external-ID column
	 * ({@code null}: no database chosen)
	 * @param externalIdTaken whether another campaign of the chosen system has the same
	 * external ID
	 * @param previousInteraction the interaction the campaign had ({@code null}: new)
	 */
	record Facts(@Nullable Boolean databaseHasExternalId, boolean externalIdTaken,
			@Nullable Interaction previousInteraction) {
	}

	/**
	 * What the warnings depend on.
	 *
	 * @param agentsWithoutId the campaign's agents that have no ID in its system
	 * @param databaseOfOtherSystem whether another campaign uses the database with
	 * another system
	 * @param siteOfOtherSystem whether another campaign uses the site with another system
	 */
	record WarningFacts(List<String> agentsWithoutId, boolean databaseOfOtherSystem, boolean siteOfOtherSystem) {
	}

	/** The hard errors: each refuses the save. */
	static List<FieldError> errors(CampaignCommand command, Facts facts) {
		List<FieldError> errors = new ArrayList<>();
		boolean hasExternalId = command.externalId() != null && !command.externalId().isBlank();
		if (command.externalSystemId() == null && hasExternalId) {
			errors.add(new FieldError("externalId", Text.of("campaign.externalIdWithoutSystem")));
		}
		if (command.externalSystemId() != null && !Boolean.TRUE.equals(facts.databaseHasExternalId())) {
			errors.add(new FieldError("contactDatabaseId", Text.of("campaign.dbNeedsExternalId")));
		}
		if (command.externalSystemId() != null && hasExternalId && facts.externalIdTaken()) {
			errors.add(new FieldError("externalId", Text.of("campaign.externalIdTaken")));
		}
		Interaction interaction = (command.interaction() != null) ? command.interaction() : Interaction.FORM;
		if (facts.previousInteraction() == Interaction.SITE && interaction != Interaction.SITE) {
			errors.add(new FieldError("interaction", Text.of("campaign.interactionFrozen")));
		}
		if (interaction.usesSite() && command.externalSiteId() == null) {
			errors.add(new FieldError("externalSiteId", Text.of("campaign.siteRequired")));
		}
		if (interaction == Interaction.FORM && command.externalSiteId() != null) {
			errors.add(new FieldError("externalSiteId", Text.of("campaign.siteWithForm")));
		}
		return errors;
	}

	/** The warnings of a campaign linked to a system (none for an unlinked one). */
	static List<Text> warnings(boolean linked, WarningFacts facts) {
		List<Text> warnings = new ArrayList<>();
		if (!linked) {
			return warnings;
		}
		if (!facts.agentsWithoutId().isEmpty()) {
			warnings.add(Text.of("campaign.warn.agentsWithoutId", String.join(", ", facts.agentsWithoutId())));
		}
		if (facts.databaseOfOtherSystem()) {
			warnings.add(Text.of("campaign.warn.databaseOtherSystem"));
		}
		if (facts.siteOfOtherSystem()) {
			warnings.add(Text.of("campaign.warn.siteOtherSystem"));
		}
		return warnings;
	}

	/**
	 * The warning of an edited external system whose campaigns have agents without an ID
	 * in it.
	 */
	static Optional<Text> systemWarning(List<String> agentsWithoutId) {
		return agentsWithoutId.isEmpty() ? Optional.empty()
				: Optional.of(Text.of("externalSystem.warn.agentsWithoutId", String.join(", ", agentsWithoutId)));
	}

}
