package io.callbridge.statistics.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.callbridge.agents.Agents;
import io.callbridge.calls.CampaignNames;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Problems.FieldError;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.callbridge.statistics.StatisticsFilter;
import io.callbridge.telephony.TelephonyAccounts;
import io.callbridge.tenants.Tenants;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Turns a reader's statistics parameters into the filter they may see: the period in
 * their tenant's time zone, an agent's view narrowed to their own calls (asking for
 * another agent's is refused), and ids that are not of the tenant refused as invalid
 * input, so that nobody learns anything about another tenant's records.
 */
@Component
class StatisticsRequests {

	private final Tenants tenants;

	private final Agents agents;

	private final TelephonyAccounts accounts;

	// Optional: the module that keeps campaigns provides it; without it no campaign
	// exists.
	private final ObjectProvider<CampaignNames> campaigns;

	StatisticsRequests(Tenants tenants, Agents agents, TelephonyAccounts accounts,
			ObjectProvider<CampaignNames> campaigns) {
		this.tenants = tenants;
		this.agents = agents;
		this.accounts = accounts;
		this.campaigns = campaigns;
	}

	/**
	 * The query a reader may run.
	 * @param user the reader
	 * @param params the parameters as sent
	 * @return the period and the filter
	 * @throws Problems.InvalidInput an unreadable parameter or an unknown id
	 * @throws Problems.Forbidden an agent asking for another agent's statistics
	 */
	StatisticsQuery resolve(CurrentUser user, StatisticsParams params) {
		StatisticsQuery query = params.toQuery(LocalDate.now(zone(user)));
		StatisticsFilter filter = query.filter();
		if (!user.isAtLeast(Role.SUPERVISOR)) {
			if (filter.agentId() != null && filter.agentId().longValue() != user.userId()) {
				throw new Problems.Forbidden(Text.of("statistics.ownOnly"));
			}
			filter = filter.forAgent(user.userId());
		}
		checkKnown(user.tenantId(), filter);
		return query.withFilter(filter);
	}

	/** The tenant's time zone, which the days and hours of its statistics are in. */
	ZoneId zone(CurrentUser user) {
		return this.tenants.get(user.tenantId()).timeZone();
	}

	/** The tenant's campaigns by id (none when no module keeps campaigns). */
	Map<Long, String> campaigns(long tenantId) {
		CampaignNames names = this.campaigns.getIfAvailable();
		return (names != null) ? names.namesOf(tenantId) : Map.of();
	}

	private void checkKnown(long tenantId, StatisticsFilter filter) {
		List<FieldError> errors = new ArrayList<>();
		Long account = filter.accountId();
		if (account != null && this.accounts.find(account).filter((a) -> a.tenantId() == tenantId).isEmpty()) {
			errors.add(new FieldError("accountId", Text.of("statistics.unknownAccount", String.valueOf(account))));
		}
		Long agent = filter.agentId();
		if (agent != null && this.agents.find(tenantId, agent).isEmpty()) {
			errors.add(new FieldError("agentId", Text.of("statistics.unknownAgent", String.valueOf(agent))));
		}
		Long campaign = filter.campaignId();
		if (campaign != null && !campaigns(tenantId).containsKey(campaign)) {
			errors.add(new FieldError("campaignId", Text.of("statistics.unknownCampaign", String.valueOf(campaign))));
		}
		if (!errors.isEmpty()) {
			throw new Problems.InvalidInput(errors);
		}
	}

}
