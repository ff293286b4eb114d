package io.callbridge.campaigns.sites;

import java.util.Optional;

import io.callbridge.webhooks.DeliveryCredentials;

import org.springframework.stereotype.Component;

/**
 * The webhooks module's port for the token authentications of external sites: the
 * password is decrypted only when a delivery logs in.
 */
@Component
class SiteAuthCredentials implements DeliveryCredentials {

	private final ExternalSiteAuths auths;

	SiteAuthCredentials(ExternalSiteAuths auths) {
		this.auths = auths;
	}

	@Override
	public Optional<AuthSpec> auth(long tenantId, long authId) {
		return this.auths.spec(tenantId, authId);
	}

}
