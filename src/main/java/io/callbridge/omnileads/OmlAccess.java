package io.callbridge.omnileads;

import io.callbridge.campaigns.Campaigns;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;

import org.springframework.stereotype.Component;

/**
 * OMniLeads' role checks, mapped onto Callbridge's roles. Its "Agente" endpoints
 * (makeCall, dispositions, disposition options) take a user with the agent role or
 * assigned as an agent of some campaign (a supervisor who takes calls); its
 * administration and supervision endpoints need at least a supervisor. A refusal is DRF's
 * 403.
 */
@Component
class OmlAccess {

	private final Campaigns campaigns;

	OmlAccess(Campaigns campaigns) {
		this.campaigns = campaigns;
	}

	/** Whether OMniLeads would see the user as an agent. */
	boolean isAgent(CurrentUser user) {
		return user.role() == Role.AGENT || !this.campaigns.campaignsOf(user.userId()).isEmpty();
	}

	/** OMniLeads' "Agente". */
	void requireAgent(CurrentUser user, OmlLanguage language) {
		if (!isAgent(user)) {
			throw OmlAnswer.denied(language);
		}
	}

	/** OMniLeads' "Administrador, Gerente, Supervisor". */
	static void requireSupervisor(CurrentUser user, OmlLanguage language) {
		if (!user.isAtLeast(Role.SUPERVISOR)) {
			throw OmlAnswer.denied(language);
		}
	}

}
