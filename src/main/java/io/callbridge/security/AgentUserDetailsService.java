package io.callbridge.security;

import io.callbridge.agents.Agent;
import io.callbridge.agents.AgentCredentials;
import io.callbridge.agents.Agents;
import io.callbridge.shared.CurrentUser;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Loads users for the login form from the agents module.
 */
@Component
class AgentUserDetailsService implements UserDetailsService {

	private final Agents agents;

	AgentUserDetailsService(Agents agents) {
		this.agents = agents;
	}

	@Override
	public UserDetails loadUserByUsername(String username) {
		AgentCredentials credentials = this.agents.findForLogin(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such user"));
		return new CallbridgeUserDetails(toCurrentUser(credentials.agent()), credentials.passwordHash(),
				credentials.agent().enabled());
	}

	static CurrentUser toCurrentUser(Agent agent) {
		return new CurrentUser(agent.id(), agent.tenantId(), agent.username(), agent.displayName(), agent.role());
	}

}
