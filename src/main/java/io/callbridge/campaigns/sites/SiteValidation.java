package io.callbridge.campaigns.sites;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/**
 * OMniLeads' rules for external sites ({@code SitioExternoSerializer.validate}) and for a
 * campaign's CRM parameters ({@code ParametrosCrmForm}), with OMniLeads' Spanish messages
 * and English ones. Pure: what needs the database (unique names, the campaign's columns)
 * is passed in.
 */
public final class SiteValidation {

	static final int MAX_NAME = 128;

	static final int MAX_URL = 2000;

	private static final Pattern PARAM_NAME = Pattern.compile("^[A-Za-z0-9.-]+$|^\\{\\d+\\}$");

	private SiteValidation() {
	}

	/** What is wrong with a site as submitted, field by field. */
	public static List<FieldError> site(ExternalSiteCommand command) {
		List<FieldError> errors = new ArrayList<>();
		String name = (command.name() != null) ? command.name().strip() : "";
		if (name.isEmpty() || name.length() > MAX_NAME) {
			errors.add(new FieldError("name", Text.of("site.nameRequired", MAX_NAME)));
		}
		if (!validUrl(command.url())) {
			errors.add(new FieldError("url", Text.of("site.urlInvalid", MAX_URL)));
		}
		if (command.trigger() == null) {
			errors.add(new FieldError("trigger", Text.of("site.triggerRequired")));
			return errors;
		}
		errors.addAll(shape(command.trigger(), (command.method() != null) ? command.method() : SiteMethod.GET,
				command.format(), command.target()));
		return errors;
	}

	// OMniLeads' serializer, rule by rule.
	static List<FieldError> shape(SiteTrigger trigger, SiteMethod method, @Nullable SiteFormat format,
			@Nullable SiteTarget target) {
		List<FieldError> errors = new ArrayList<>();
		if (method == SiteMethod.GET && format != null) {
			errors.add(new FieldError("format", Text.of("site.getWithFormat")));
		}
		if (method == SiteMethod.POST && format == null) {
			errors.add(new FieldError("format", Text.of("site.postWithoutFormat")));
		}
		if (format == SiteFormat.JSON && target != null) {
			errors.add(new FieldError("target", Text.of("site.jsonWithTarget")));
		}
		if (trigger == SiteTrigger.SERVER && target != null) {
			errors.add(new FieldError("target", Text.of("site.serverWithTarget")));
		}
		else if (trigger != SiteTrigger.SERVER && target == null
				&& !(trigger == SiteTrigger.DISPOSITION && method == SiteMethod.POST)) {
			errors.add(new FieldError("target", Text.of("site.targetInvalid")));
		}
		return errors;
	}

	/**
	 * What is wrong with a campaign's parameters, on fields {@code params[i].name} and
	 * {@code params[i].selector} (i from 0).
	 * @param params the parameters, in order
	 * @param columns the columns of the campaign's contact database
	 * @param trigger the trigger of the campaign's site ({@code null}: none)
	 */
	public static List<FieldError> params(List<CrmParam> params, Collection<String> columns,
			@Nullable SiteTrigger trigger) {
		List<FieldError> errors = new ArrayList<>();
		for (int i = 0; i < params.size(); i++) {
			CrmParam param = params.get(i);
			String field = "params[" + i + "]";
			if (param.name().isBlank()) {
				errors.add(new FieldError(field + ".name", Text.of("param.nameRequired")));
			}
			else if (param.name().length() > 100 || !PARAM_NAME.matcher(param.name()).matches()) {
				errors.add(new FieldError(field + ".name", Text.of("param.nameInvalid")));
			}
			Text selector = selectorError(param, columns, trigger);
			if (selector != null) {
				errors.add(new FieldError(field + ".selector", selector));
			}
		}
		return errors;
	}

	private static @Nullable Text selectorError(CrmParam param, Collection<String> columns,
			@Nullable SiteTrigger trigger) {
		return switch (param.kind()) {
			case CONTACT -> columns.contains(param.selector()) ? null : Text.of("param.contactField");
			case CAMPAIGN -> allowed(param) ? null : Text.of("param.campaignField");
			case CALL -> allowed(param) ? null : Text.of("param.callField");
			case DISPOSITION ->
				(trigger == SiteTrigger.DISPOSITION && allowed(param)) ? null : Text.of("param.dispositionField");
			case FIXED -> (param.selector().length() > 200) ? Text.of("param.valueTooLong", 200) : null;
		};
	}

	private static boolean allowed(CrmParam param) {
		return param.kind().selectors().contains(param.selector());
	}

	private static boolean validUrl(@Nullable String value) {
		if (value == null || value.isBlank() || value.strip().length() > MAX_URL) {
			return false;
		}
		try {
			// Placeholders are not valid in a URI; checked with a digit in their place.
			URI uri = new URI(value.strip().replaceAll("\\{\\d+\\}", "0"));
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
					&& uri.getUserInfo() == null && uri.getFragment() == null;
		}
		catch (URISyntaxException ex) {
			return false;
		}
	}

}
