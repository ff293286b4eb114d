package io.callbridge.security;

import java.io.IOException;
import java.util.Optional;

import io.callbridge.agents.Agent;
import io.callbridge.agents.Agents;
import io.callbridge.shared.Text;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates API requests that carry {@code Authorization: Bearer <token>}. A missing
 * header leaves the request anonymous (and the API answers 401); an unknown or revoked
 * token is answered 401 at once.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

	private final ApiTokens tokens;

	private final Agents agents;

	private final ProblemResponses problems;

	BearerTokenFilter(ApiTokens tokens, Agents agents, ProblemResponses problems) {
		this.tokens = tokens;
		this.agents = agents;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String header = request.getHeader("Authorization");
		if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
			chain.doFilter(request, response);
			return;
		}
		Optional<Agent> agent = this.tokens.authenticate(header.substring(7).trim())
			.flatMap((owner) -> this.agents.find(owner.tenantId(), owner.userId()))
			.filter(Agent::enabled);
		if (agent.isEmpty()) {
			this.problems.write(request, response, 401, "unauthorized", Text.of("problem.tokenRefused"));
			return;
		}
		CallbridgeUserDetails details = CallbridgeUserDetails.of(agent.get(), CallbridgeUserDetails.NO_SESSION);
		SecurityContextHolder.getContext()
			.setAuthentication(
					UsernamePasswordAuthenticationToken.authenticated(details, null, details.getAuthorities()));
		chain.doFilter(request, response);
	}

}
