package io.callbridge.campaigns;

import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' linking rules without Spring: the hard errors that refuse a campaign's save,
 * the warnings it is saved despite, and their texts — OMniLeads' own Spanish, and
 * English.
 */
class LinkingRulesTests {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	private static final LinkingRules.Facts NEW_WITH_LINKED_DATABASE = new LinkingRules.Facts(true, false, null);

	private final ResourceBundleMessageSource messages = messages();

	@Test
	void linkedCampaignNeedsADatabaseWithAnExternalIdColumn() {
		CampaignCommand linked = CampaignCommand.manual("Sales").linked(1L, 2L, "77");

		List<FieldError> errors = LinkingRules.errors(linked, new LinkingRules.Facts(false, false, null));
		List<FieldError> withoutDatabase = LinkingRules.errors(linked.linked(null, 2L, "77"),
				new LinkingRules.Facts(null, false, null));

		assertThat(errors).extracting(FieldError::field).containsExactly("contactDatabaseId");
		assertThat(withoutDatabase).extracting(FieldError::field).containsExactly("contactDatabaseId");
		assertThat(spanish(errors.get(0))).isEqualTo(
				"Una campaña asignada a un sistema externo debe usar una base de contactos con campo de id externo definido");
		assertThat(errors.get(0).message())
			.isEqualTo("A campaign linked to an external system needs a contact database with an external ID column.");
	}

	@Test
	void externalIdIsUniqueWithinItsSystem() {
		List<FieldError> errors = LinkingRules.errors(CampaignCommand.manual("Sales").linked(1L, 2L, "77"),
				new LinkingRules.Facts(true, true, null));

		assertThat(errors).extracting(FieldError::field).containsExactly("externalId");
		assertThat(spanish(errors.get(0)))
			.isEqualTo("Ya existe una Campaña con ese id externo para el Sistema Externo elegido");
		assertThat(errors.get(0).message())
			.isEqualTo("The chosen external system already has a campaign with that external ID.");
	}

	@Test
	void externalIdNeedsASystem() {
		List<FieldError> errors = LinkingRules.errors(CampaignCommand.manual("Sales").linked(1L, null, "77"),
				NEW_WITH_LINKED_DATABASE);

		assertThat(errors).extracting(FieldError::field).containsExactly("externalId");
		assertThat(spanish(errors.get(0))).isEqualTo("No puede indicar un id externo sin elegir un Sistema Externo");
		assertThat(errors.get(0).message()).isEqualTo("An external ID needs an external system: choose one.");
	}

	@Test
	void aLinkedCampaignWithAnExternalIdColumnAndAFreeIdIsAccepted() {
		assertThat(LinkingRules.errors(CampaignCommand.manual("Sales").linked(1L, 2L, "77"), NEW_WITH_LINKED_DATABASE))
			.isEmpty();
		assertThat(LinkingRules.errors(CampaignCommand.manual("Sales"), new LinkingRules.Facts(null, false, null)))
			.isEmpty();
	}

	@Test
	void siteInteractionNeedsASite() {
		List<FieldError> errors = LinkingRules
			.errors(CampaignCommand.manual("Sales").interacting(Interaction.FORM_SITE, null), NEW_WITH_LINKED_DATABASE);

		assertThat(errors).extracting(FieldError::field).containsExactly("externalSiteId");
		assertThat(spanish(errors.get(0))).isEqualTo("Debe seleccionar un sitio externo");
		assertThat(errors.get(0).message()).isEqualTo("Choose an external site.");
	}

	@Test
	void formOnlyCampaignCannotHaveASite() {
		List<FieldError> errors = LinkingRules.errors(CampaignCommand.manual("Sales").interacting(Interaction.FORM, 5L),
				NEW_WITH_LINKED_DATABASE);

		assertThat(errors).extracting(FieldError::field).containsExactly("externalSiteId");
		assertThat(spanish(errors.get(0))).isEqualTo("No se puede elegir un URL externo si selecciono un formulario.");
		assertThat(errors.get(0).message()).isEqualTo("A form-only campaign cannot have an external site.");
	}

	@Test
	void siteOnlyInteractionCannotBeChangedOnEdit() {
		List<FieldError> errors = LinkingRules.errors(
				CampaignCommand.manual("Sales").interacting(Interaction.FORM_SITE, 5L),
				new LinkingRules.Facts(null, false, Interaction.SITE));

		assertThat(errors).extracting(FieldError::field).containsExactly("interaction");
		assertThat(spanish(errors.get(0)))
			.isEqualTo("No se puede cambiar el tipo de interacción de una campaña de sitio externo.");
	}

	@Test
	void warningsOnlyConcernLinkedCampaigns() {
		LinkingRules.WarningFacts all = new LinkingRules.WarningFacts(List.of("Ana", "Luis"), true, true);

		List<Text> warnings = LinkingRules.warnings(true, all);

		assertThat(warnings).extracting(Text::english)
			.containsExactly("The campaign has agents without an ID in the external system: Ana, Luis.",
					"The selected contact database is used by a campaign of another external system.",
					"The selected external site is used by a campaign of another external system.");
		assertThat(warnings).extracting((w) -> w.in(this.messages, SPANISH))
			.containsExactly("La campaña tiene agentes no asociados al sistema externo: Ana, Luis",
					"La base de datos seleccionada esta asociada a otro sistema externo.",
					"El sitio externo seleccionado esta asociado a otro sistema externo.");
		assertThat(LinkingRules.warnings(false, all)).isEmpty();
		assertThat(LinkingRules.warnings(true, new LinkingRules.WarningFacts(List.of(), false, false))).isEmpty();
	}

	@Test
	void editedSystemWarnsOfItsCampaignsAgentsWithoutAnId() {
		Text warning = LinkingRules.systemWarning(List.of("Ana")).orElseThrow();

		assertThat(warning.in(this.messages, SPANISH)).isEqualTo(
				"Los siguientes agentes están asignados a campañas relacionadas a este sistema externo y no tienen identificador: Ana");
		assertThat(warning.english())
			.isEqualTo("These agents are assigned to campaigns of this external system and have no identifier: Ana");
		assertThat(LinkingRules.systemWarning(List.of())).isEmpty();
	}

	private String spanish(FieldError error) {
		return error.text().in(this.messages, SPANISH);
	}

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(Text.BUNDLES);
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		return source;
	}

}
