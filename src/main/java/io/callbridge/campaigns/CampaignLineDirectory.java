package io.callbridge.campaigns;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import io.callbridge.calls.CampaignLines;
import io.callbridge.contacts.ContactService;
import io.callbridge.contacts.PhoneNumber;
import io.callbridge.shared.ConfigCache;

import org.springframework.stereotype.Component;

/**
 * Tells the calls module which active inbound campaign answers on the line an inbound
 * call arrived at. The line is compared as the provider reported it and in E.164, since
 * campaigns keep a line that is a phone number in E.164.
 */
@Component
class CampaignLineDirectory implements CampaignLines {

	private final CampaignStore store;

	private final ContactService phones;

	private static final String CAMPAIGN_OF_LINE = "campaign-of-line";

	private final ConfigCache config;

	CampaignLineDirectory(CampaignStore store, ContactService phones, ConfigCache config) {
		this.store = store;
		this.phones = phones;
		this.config = config;
	}

	/** A line of an account: the key of the campaign answering on it. */
	private record AccountLine(long accountId, String line) {
	}

	// Asked for every inbound call with a line: through the tenant's configuration cache
	// (campaigns, and the tenant's region the line is read in).
	@Override
	public Optional<Long> campaignFor(long tenantId, long accountId, String ourLine) {
		return this.config.get(CAMPAIGN_OF_LINE, tenantId, new AccountLine(accountId, ourLine),
				() -> read(tenantId, accountId, ourLine));
	}

	private Optional<Long> read(long tenantId, long accountId, String ourLine) {
		Set<String> lines = new LinkedHashSet<>();
		lines.add(ourLine.strip());
		if (this.phones.normalize(tenantId, ourLine) instanceof PhoneNumber.Valid valid) {
			lines.add(valid.e164());
		}
		return this.store.inboundCampaign(tenantId, accountId, lines);
	}

}
