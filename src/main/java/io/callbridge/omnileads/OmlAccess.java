package io.callbridge.omnileads;

import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Role;

/**
 * OMniLeads' role checks, mapped onto Callbridge's roles: its administration and
 * supervision endpoints need at least a supervisor. A refusal is DRF's 403.
 */
final class OmlAccess {

	private OmlAccess() {
	}

	/** OMniLeads' "Administrador, Gerente, Supervisor". */
	static void requireSupervisor(CurrentUser user, OmlLanguage language) {
		if (!user.isAtLeast(Role.SUPERVISOR)) {
			throw OmlAnswer.denied(language);
		}
	}

}
