package io.callbridge.campaigns;

import org.jspecify.annotations.Nullable;

/**
 * A disposition option as submitted: with the id of an option of the campaign to change
 * it, without to add one.
 *
 * @param id the option changed, or {@code null} for a new one
 * @param name name
 * @param outcomeCode a code of the tenant's disposition outcomes
 * @param kind managed result or no action (default: action)
 * @param hidden whether it is no longer offered
 * @param positive whether it counts as a success
 * @param crmInteraction whether choosing it triggers the external site
 */
public record CampaignOptionCommand(@Nullable Long id, @Nullable String name, @Nullable String outcomeCode,
		@Nullable OptionKind kind, boolean hidden, boolean positive, boolean crmInteraction) {

	/** A visible option of kind action. */
	public static CampaignOptionCommand of(String name, String outcomeCode) {
		return new CampaignOptionCommand(null, name, outcomeCode, OptionKind.ACTION, false, false, false);
	}

}
