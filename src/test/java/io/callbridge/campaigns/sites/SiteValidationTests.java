package io.callbridge.campaigns.sites;

import java.util.List;
import java.util.Locale;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.ResourceBundleMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OMniLeads' rules for external sites ({@code SitioExternoSerializer.validate}) and for
 * CRM parameters ({@code ParametrosCrmForm}), without Spring: the field each refusal
 * names, OMniLeads' Spanish text verbatim, and the English one.
 */
class SiteValidationTests {

	private static final Locale SPANISH = Locale.forLanguageTag("es");

	private final ResourceBundleMessageSource messages = messages();

	@Test
	void getMayNotHaveAFormat() {
		List<FieldError> errors = SiteValidation
			.site(site(SiteTrigger.AUTOMATIC, SiteMethod.GET, SiteFormat.FORM, SiteTarget.EMBEDDED));

		assertThat(errors).extracting(FieldError::field).containsExactly("format");
		assertThat(spanish(errors.get(0))).isEqualTo("Si el método es GET, no debe indicarse formato");
		assertThat(errors.get(0).message()).isEqualTo("If the method is GET, no format may be given.");
	}

	@Test
	void postNeedsAFormat() {
		List<FieldError> errors = SiteValidation
			.site(site(SiteTrigger.AUTOMATIC, SiteMethod.POST, null, SiteTarget.NEW_TAB));

		assertThat(errors).extracting(FieldError::field).containsExactly("format");
		assertThat(spanish(errors.get(0))).isEqualTo("Si el método es POST, debe seleccionar un formato");
		assertThat(errors.get(0).message()).isEqualTo("If the method is POST, choose a format.");
	}

	@Test
	void jsonMayNotHaveATargetAndABrowserTriggerNeedsOne() {
		List<FieldError> withTarget = SiteValidation
			.site(site(SiteTrigger.BUTTON, SiteMethod.POST, SiteFormat.JSON, SiteTarget.EMBEDDED));
		List<FieldError> withoutTarget = SiteValidation
			.site(site(SiteTrigger.BUTTON, SiteMethod.POST, SiteFormat.JSON, null));

		assertThat(withTarget).extracting(FieldError::field).containsExactly("target");
		assertThat(spanish(withTarget.get(0))).isEqualTo("Si el formato es JSON, no puede haber un objetivo.");
		assertThat(withTarget.get(0).message()).isEqualTo("If the format is JSON, there can be no target.");
		assertThat(withoutTarget).extracting(FieldError::field).containsExactly("target");
		assertThat(spanish(withoutTarget.get(0))).isEqualTo("Debe indicar un objetivo válido.");
		assertThat(withoutTarget.get(0).message()).isEqualTo("Choose a valid target.");
	}

	@Test
	void theServerTriggerHasNoTarget() {
		List<FieldError> errors = SiteValidation
			.site(site(SiteTrigger.SERVER, SiteMethod.GET, null, SiteTarget.EMBEDDED));

		assertThat(errors).extracting(FieldError::field).containsExactly("target");
		assertThat(spanish(errors.get(0))).isEqualTo("Si el disparador es el servidor, no puede haber un objetivo.");
		assertThat(errors.get(0).message()).isEqualTo("If the server calls the site, there can be no target.");
	}

	@Test
	void onlyAPostOnDispositionMayGoWithoutTarget() {
		assertThat(SiteValidation.site(site(SiteTrigger.DISPOSITION, SiteMethod.POST, SiteFormat.JSON, null)))
			.isEmpty();
		assertThat(SiteValidation.site(site(SiteTrigger.DISPOSITION, SiteMethod.GET, null, null)))
			.extracting(FieldError::field)
			.containsExactly("target");
		assertThat(SiteValidation.site(site(SiteTrigger.AUTOMATIC, SiteMethod.GET, null, null)))
			.extracting(FieldError::field)
			.containsExactly("target");
		assertThat(SiteValidation.site(site(SiteTrigger.SERVER, SiteMethod.POST, SiteFormat.MULTIPART, null)))
			.isEmpty();
		assertThat(SiteValidation.site(site(SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.EMBEDDED)))
			.isEmpty();
	}

	@Test
	void nameUrlAndTriggerAreRequiredAndPlaceholdersMayBeInThePath() {
		List<FieldError> errors = SiteValidation
			.site(new ExternalSiteCommand(" ", "ftp://crm", null, null, null, null, null, false));

		assertThat(errors).extracting(FieldError::field).containsExactly("name", "url", "trigger");
		assertThat(SiteValidation.site(ExternalSiteCommand.of("CRM", "https://crm.example.com/c/{1}/p/{2}",
				SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.EMBEDDED)))
			.isEmpty();
		assertThat(SiteValidation.site(ExternalSiteCommand.of("CRM", "https://user:pw@crm.example.com/",
				SiteTrigger.AUTOMATIC, SiteMethod.GET, null, SiteTarget.EMBEDDED)))
			.extracting(FieldError::field)
			.containsExactly("url");
	}

	@Test
	void parameterNamesAreAlphanumericOrPlaceholders() {
		List<FieldError> errors = SiteValidation.params(
				List.of(new CrmParam(ParamKind.FIXED, "x", "ok-name.1"), new CrmParam(ParamKind.FIXED, "x", "{3}"),
						new CrmParam(ParamKind.FIXED, "x", "bad name"), new CrmParam(ParamKind.FIXED, "x", "")),
				List.of(), SiteTrigger.AUTOMATIC);

		assertThat(errors).extracting(FieldError::field).containsExactly("params[2].name", "params[3].name");
		assertThat(spanish(errors.get(0)))
			.isEqualTo("Sólo se permiten caracteres alfanuméricos o ser de tipo placeholder. Ej: \"{1}\"");
		assertThat(errors.get(0).message())
			.isEqualTo("Only letters, digits, dots and hyphens are allowed, or a placeholder such as \"{1}\".");
		assertThat(spanish(errors.get(1))).isEqualTo("Debe definir un nombre para el parámetro");
		assertThat(errors.get(1).message()).isEqualTo("Give the parameter a name.");
	}

	@Test
	void selectorsMustBeFieldsOmniLeadsKnows() {
		List<FieldError> errors = SiteValidation.params(
				List.of(new CrmParam(ParamKind.CONTACT, "dni", "a"), new CrmParam(ParamKind.CONTACT, "email", "b"),
						new CrmParam(ParamKind.CAMPAIGN, "id_externo", "c"),
						new CrmParam(ParamKind.CALL, "duration", "d"), new CrmParam(ParamKind.DISPOSITION, "name", "e"),
						new CrmParam(ParamKind.CAMPAIGN, "nombre", "f"), new CrmParam(ParamKind.CALL, "telefono", "g")),
				List.of("telefono", "dni"), SiteTrigger.AUTOMATIC);

		assertThat(errors).extracting(FieldError::field)
			.containsExactly("params[1].selector", "params[2].selector", "params[3].selector", "params[4].selector");
		assertThat(errors).extracting(this::spanish)
			.containsExactly("El valor debe corresponder a un campo de la base de datos de contactos",
					"El valor debe corresponder a un campo válido de la campaña",
					"El valor debe corresponder a un dato válido de la llamada",
					"El valor debe corresponder a un campo válido de datos de calificación");
		assertThat(errors).extracting(FieldError::message)
			.containsExactly("The value must be a column of the contact database.",
					"The value must be a valid campaign field.", "The value must be a valid call datum.",
					"The value must be a valid disposition field (only for sites opened on disposition).");
	}

	@Test
	void dispositionFieldsAreAllowedForSitesOpenedOnDisposition() {
		assertThat(SiteValidation.params(
				List.of(new CrmParam(ParamKind.DISPOSITION, "id", "d"),
						new CrmParam(ParamKind.DISPOSITION, "subdisposition", "s")),
				List.of(), SiteTrigger.DISPOSITION))
			.isEmpty();
	}

	private static ExternalSiteCommand site(SiteTrigger trigger, SiteMethod method, SiteFormat format,
			SiteTarget target) {
		return ExternalSiteCommand.of("CRM", "https://crm.example.com/contact", trigger, method, format, target);
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
