package io.callbridge.campaigns.sites;

import java.util.regex.Pattern;

/**
 * One parameter a campaign sends to its external site (OMniLeads' {@code ParametrosCrm}):
 * the name the CRM expects, or a placeholder {@code {N}} substituted into the URL, and
 * where its value comes from.
 *
 * @param kind where the value comes from
 * @param selector which field (a fixed parameter: the value itself)
 * @param name the parameter's name, or a placeholder {@code {N}}
 */
public record CrmParam(ParamKind kind, String selector, String name) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d+\\}");

	/** Whether it is substituted into the URL rather than sent. */
	public boolean isPlaceholder() {
		return PLACEHOLDER.matcher(this.name).matches();
	}

}
