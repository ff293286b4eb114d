package io.callbridge.campaigns.sites;

import java.util.List;
import java.util.Optional;

import io.callbridge.campaigns.ExternalSiteRules;
import io.callbridge.campaigns.Interaction;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Text;

import org.springframework.stereotype.Component;

/**
 * The campaign's side of OMniLeads' site rules: the site must exist in the tenant, and
 * the form-and-site interaction cannot embed a site unless it opens on disposition.
 */
@Component
class SiteRules implements ExternalSiteRules {

	private final ExternalSites sites;

	SiteRules(ExternalSites sites) {
		this.sites = sites;
	}

	@Override
	public List<FieldError> check(long tenantId, Interaction interaction, long siteId) {
		Optional<ExternalSite> site = this.sites.find(tenantId, siteId);
		if (site.isEmpty()) {
			return List.of(new FieldError("externalSiteId", Text.of("campaign.siteUnknown", String.valueOf(siteId))));
		}
		if (interaction == Interaction.FORM_SITE && site.get().target() == SiteTarget.EMBEDDED
				&& site.get().trigger() != SiteTrigger.DISPOSITION) {
			return List.of(new FieldError("externalSiteId", Text.of("campaign.embeddedWithForm")));
		}
		return List.of();
	}

}
